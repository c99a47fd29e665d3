<?php

// Loads the vfbridge client (vendored from connectors/php by connectors/build.sh) and the module's classes.
require_once __DIR__ . '/Vfbridge/autoload.php';
require_once __DIR__ . '/Whmcs/Module.php';
require_once __DIR__ . '/Whmcs/ReplayStore.php';
require_once __DIR__ . '/Whmcs/CallbackHandler.php';
require_once __DIR__ . '/Whmcs/CallbackEndpoint.php';
