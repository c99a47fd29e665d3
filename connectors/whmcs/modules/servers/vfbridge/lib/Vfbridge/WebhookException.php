<?php

namespace Vfbridge;

/** A signed message that must not be acted on: bad or missing signature, stale timestamp. */
class WebhookException extends \RuntimeException
{
}
