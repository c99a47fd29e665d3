<?php

// Loads the vfbridge PHP client without Composer (once, whichever copy comes first).
if (!class_exists('Vfbridge\Client', false)) {
    require_once __DIR__ . '/ApiException.php';
    require_once __DIR__ . '/WebhookException.php';
    require_once __DIR__ . '/Webhook.php';
    require_once __DIR__ . '/Client.php';
}
