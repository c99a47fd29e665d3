<?php

namespace VfbridgeWhmcs;

use Vfbridge\Webhook;
use Vfbridge\WebhookException;

/**
 * vfbridge's signed operation callbacks, applied to WHMCS: verifies the Standard Webhooks
 * signature and timestamp, acts on each message id once, and writes the result into the
 * service through localAPI (UpdateClientProduct); a failure opens a To-Do item and an
 * activity log entry. Knows nothing of HTTP or WHMCS's bootstrap: it takes the headers
 * and the raw body and a callable standing in for localAPI.
 */
class CallbackHandler
{
    /** @var string[] */
    private $secrets;

    /** @var callable */
    private $localApi;

    /** @var ReplayStore */
    private $replays;

    /** @var callable|null */
    private $clock;

    public function __construct(array $secrets, callable $localApi, ReplayStore $replays, $clock = null)
    {
        $this->secrets = $secrets;
        $this->localApi = $localApi;
        $this->replays = $replays;
        $this->clock = $clock;
    }

    /**
     * Handles one callback.
     *
     * @return array{0: int, 1: array} the HTTP status and a JSON-able body
     */
    public function handle(array $headers, $body)
    {
        $now = $this->clock ? (int) call_user_func($this->clock) : time();
        try {
            $message = Webhook::verify($this->secrets, $headers, $body, $now);
        } catch (WebhookException $e) {
            return array(401, array('error' => 'rejected: ' . $e->getMessage()));
        }
        if ($this->replays->seen($message['id'])) {
            // acted on already: answered 2xx so vfbridge stops sending it, and nothing is done again
            return array(200, array('result' => 'duplicate'));
        }
        $event = json_decode($body, true);
        if (!is_array($event) || !isset($event['type'], $event['data']) || !is_array($event['data'])) {
            return array(400, array('error' => 'not an operation callback'));
        }
        try {
            $outcome = $this->apply((string) $event['type'], $event['data']);
        } catch (\Exception $e) {
            // not remembered: vfbridge sends it again later
            return array(500, array('error' => $e->getMessage()));
        }
        $this->replays->remember($message['id'], $now);
        return array(200, array('result' => $outcome));
    }

    private function apply($type, array $operation)
    {
        $serviceId = isset($operation['serviceId']) ? (string) $operation['serviceId'] : '';
        if (!preg_match('/^[1-9][0-9]{0,18}$/', $serviceId)) {
            return 'ignored: not a WHMCS service';
        }
        $kind = isset($operation['type']) ? (string) $operation['type'] : '';
        $result = isset($operation['result']) && is_array($operation['result']) ? $operation['result'] : array();
        if ($type === 'operation.succeeded') {
            $values = Module::serviceValues($result);
            if ($kind === 'service.terminate') {
                $values['status'] = 'Terminated';
            }
            if (!$values) {
                return 'nothing to update';
            }
            $values['serviceid'] = (int) $serviceId;
            $this->call('UpdateClientProduct', $values);
            return 'updated';
        }
        if (in_array($type, array('operation.failed', 'operation.dead', 'operation.needs_attention'), true)) {
            $error = isset($operation['lastError']) && $operation['lastError'] !== '' ? (string) $operation['lastError']
                : 'no reason given';
            $what = $kind . ' of service #' . $serviceId . ' ' . substr($type, strlen('operation.'));
            $this->call('AddToDo', array(
                'title' => 'vfbridge: ' . $what,
                'description' => $what . ': ' . $error . "\nOperation " . (isset($operation['operationId'])
                    ? $operation['operationId'] : '?') . '. Use "Retry failed operation" on the service once fixed.',
                'status' => 'Pending',
                'date' => date('Y-m-d'),
                'duedate' => date('Y-m-d'),
            ));
            $this->call('LogActivity', array('description' => 'vfbridge: ' . $what . ': ' . $error));
            return 'reported';
        }
        return 'ignored: ' . $type;
    }

    private function call($command, array $values)
    {
        $answer = call_user_func($this->localApi, $command, $values);
        if (!is_array($answer) || !isset($answer['result']) || $answer['result'] !== 'success') {
            throw new \RuntimeException('WHMCS ' . $command . ' failed: '
                . (is_array($answer) && isset($answer['message']) ? $answer['message'] : 'no answer'));
        }
        return $answer;
    }
}
