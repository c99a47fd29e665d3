<?php

/*
 * The URL vfbridge's signed operation callbacks are sent to
 * (vfbridge.billing.callback-url = https://<whmcs>/modules/servers/vfbridge/callback.php).
 * Boots WHMCS for localAPI, verifies the Standard Webhooks signature with the callback
 * secret (the vfbridge server record's Access Hash, or config.php), and writes the
 * finished operation into the WHMCS service.
 */

use VfbridgeWhmcs\CallbackEndpoint;
use VfbridgeWhmcs\CallbackHandler;

require dirname(dirname(dirname(__DIR__))) . '/init.php';
require_once __DIR__ . '/lib/bootstrap.php';

header('Content-Type: application/json');
header('Cache-Control: no-store');
if (!isset($_SERVER['REQUEST_METHOD']) || $_SERVER['REQUEST_METHOD'] !== 'POST') {
    http_response_code(405);
    header('Allow: POST');
    echo json_encode(array('error' => 'POST only'));
    return;
}
$settings = CallbackEndpoint::settings(__DIR__);
$handler = new CallbackHandler(CallbackEndpoint::secrets($settings), function ($command, array $values) {
    return localAPI($command, $values);
}, CallbackEndpoint::replayStore($settings));
list($status, $body) = $handler->handle(CallbackEndpoint::requestHeaders(), (string) file_get_contents('php://input'));
http_response_code($status);
echo json_encode($body);
