<?php

namespace Vfbridge;

/**
 * A small client of vfbridge's REST API: one method per operation, JSON in and out,
 * every error an {@see ApiException}.
 *
 * Commands carry an Idempotency-Key made once per call and reused on its transport
 * retries (bounded: "tries" attempts of "timeout" seconds each), so a network blip never
 * doubles an action while a new call is a new intent. Reads are retried the same way.
 *
 * Options: timeout (10 s), connect_timeout (5 s), tries (3), transport (a callable
 * (method, url, headers, body, timeout) returning [status, headers, body], status 0 when
 * nothing answered), sleep (a callable taking seconds), logger (a callable (method, url,
 * request body, status, response body) called for every attempt).
 */
class Client
{
    const VERSION = '1.0.0';

    /** @var string */
    private $baseUrl;

    /** @var string */
    private $apiKey;

    /** @var array */
    private $options;

    public function __construct($baseUrl, $apiKey, array $options = array())
    {
        $this->baseUrl = rtrim((string) $baseUrl, '/');
        $this->apiKey = (string) $apiKey;
        $this->options = array_merge(array(
            'timeout' => 10,
            'connect_timeout' => 5,
            'tries' => 3,
            'transport' => null,
            'sleep' => null,
            'logger' => null,
        ), $options);
        if ($this->options['transport'] === null) {
            $this->options['transport'] = array($this, 'curlTransport');
        }
    }

    /** A new idempotency key: one per intent. */
    public static function newIdempotencyKey()
    {
        return bin2hex(random_bytes(16));
    }

    public function getBaseUrl()
    {
        return $this->baseUrl;
    }

    // ---- commands (202 {"operationId", "status"}, 200 with the original for a repeated key)

    /** service.create: $data is the event's data ({customer:{id,email,name}, service:{id, plan|packageId+hypervisorGroupId, ...}}). */
    public function createService(array $data, $idempotencyKey = null)
    {
        return $this->command('POST', '/v1/services', $data, $idempotencyKey);
    }

    public function suspendService($serviceId, $idempotencyKey = null)
    {
        return $this->command('POST', $this->servicePath($serviceId, '/suspend'), array(), $idempotencyKey);
    }

    public function unsuspendService($serviceId, $idempotencyKey = null)
    {
        return $this->command('POST', $this->servicePath($serviceId, '/unsuspend'), array(), $idempotencyKey);
    }

    public function terminateService($serviceId, array $data = array(), $idempotencyKey = null)
    {
        return $this->command('POST', $this->servicePath($serviceId, '/terminate'), $data, $idempotencyKey);
    }

    /** service.change_package: $service has packageId and optionally resources. */
    public function changePackage($serviceId, array $service, $idempotencyKey = null)
    {
        return $this->command('POST', $this->servicePath($serviceId, '/change-package'),
            array('service' => $service), $idempotencyKey);
    }

    public function resetServicePassword($serviceId, $idempotencyKey = null)
    {
        return $this->command('POST', $this->servicePath($serviceId, '/reset-password'), array(), $idempotencyKey);
    }

    public function rebuildService($serviceId, $osTemplateId, $hostname = null, $idempotencyKey = null)
    {
        $service = array('osTemplateId' => (int) $osTemplateId);
        if ($hostname !== null && $hostname !== '') {
            $service['hostname'] = $hostname;
        }
        return $this->command('POST', $this->servicePath($serviceId, '/rebuild'), array('service' => $service),
            $idempotencyKey);
    }

    /** service.power: boot, shutdown, restart or poweroff. */
    public function powerService($serviceId, $action, $idempotencyKey = null)
    {
        return $this->command('POST', $this->servicePath($serviceId, '/power'), array('action' => $action),
            $idempotencyKey);
    }

    /** Links an existing VirtFusion server to a billing service ({customer:{...}, server:{id}, panel?}). */
    public function importService($serviceId, array $data, $idempotencyKey = null)
    {
        return $this->command('POST', $this->servicePath($serviceId, '/import'), $data, $idempotencyKey);
    }

    public function upsertCustomer($customerId, array $customer, $idempotencyKey = null)
    {
        return $this->command('PUT', '/v1/customers/' . rawurlencode((string) $customerId),
            array('customer' => $customer), $idempotencyKey);
    }

    /** Re-drives a failed or dead operation (operator role). */
    public function retryOperation($operationId, $idempotencyKey = null)
    {
        return $this->command('POST', '/v1/operations/' . rawurlencode((string) $operationId) . '/retry', array(),
            $idempotencyKey);
    }

    // ---- reads

    public function operation($operationId)
    {
        return $this->get('/v1/operations/' . rawurlencode((string) $operationId));
    }

    /**
     * Follows an operation until it is finished or $timeoutSeconds passed.
     *
     * @return array the last view of the operation (its status may still be queued or running)
     */
    public function waitForOperation($operationId, $timeoutSeconds, $pollSeconds = 1.0)
    {
        $deadline = microtime(true) + $timeoutSeconds;
        while (true) {
            $operation = $this->operation($operationId);
            if (self::isFinished($operation) || microtime(true) + $pollSeconds > $deadline) {
                return $operation;
            }
            $this->pause($pollSeconds);
        }
    }

    /** Whether an operation view has reached a final status. */
    public static function isFinished(array $operation)
    {
        $status = isset($operation['status']) ? $operation['status'] : '';
        return in_array($status, array('succeeded', 'failed', 'dead', 'needs_attention'), true);
    }

    public function serviceOperations($serviceId)
    {
        return $this->get($this->servicePath($serviceId, '/operations'));
    }

    public function service($serviceId)
    {
        return $this->get($this->servicePath($serviceId, ''));
    }

    public function serviceDetails($serviceId)
    {
        return $this->get($this->servicePath($serviceId, '/details'));
    }

    public function serviceTemplates($serviceId)
    {
        return $this->get($this->servicePath($serviceId, '/templates'));
    }

    public function serviceUsage($serviceId)
    {
        return $this->get($this->servicePath($serviceId, '/usage'));
    }

    /**
     * Every service's usage synced since $since, across all pages: follows nextCursor until
     * it is null or absent.
     *
     * @return array the services
     */
    public function usageSince($since = null, $limit = 1000)
    {
        $services = array();
        $cursor = null;
        $pages = 0;
        do {
            $query = array('limit' => min(1000, max(1, (int) $limit)));
            if ($since !== null && $since !== '') {
                $query['since'] = $since;
            }
            if ($cursor !== null) {
                $query['cursor'] = $cursor;
            }
            $page = $this->get('/v1/usage?' . http_build_query($query));
            foreach (isset($page['services']) && is_array($page['services']) ? $page['services'] : array() as $s) {
                $services[] = $s;
            }
            $next = isset($page['nextCursor']) && $page['nextCursor'] !== '' ? (string) $page['nextCursor'] : null;
            if ($next !== null && $next === $cursor) {
                throw new ApiException(200, array(), '', 'vfbridge answered the same usage cursor twice');
            }
            $cursor = $next;
        } while ($cursor !== null && ++$pages < 10000);
        return $services;
    }

    /** The caller's key name, roles and panels (GET /v1/me). */
    public function me()
    {
        return $this->get('/v1/me');
    }

    public function packages($panel = null)
    {
        return $this->get('/v1/catalog/packages' . self::panelQuery($panel));
    }

    public function packageTemplates($packageId, $panel = null)
    {
        return $this->get('/v1/catalog/packages/' . rawurlencode((string) $packageId) . '/templates'
            . self::panelQuery($panel));
    }

    public function locations($panel = null)
    {
        return $this->get('/v1/catalog/locations' . self::panelQuery($panel));
    }

    /** A one-time link that logs the service's owner into VirtFusion: {url, expiresAt}. */
    public function serviceLoginLink($serviceId)
    {
        return $this->request('POST', $this->servicePath($serviceId, '/login'), null, array());
    }

    public function customerLoginLink($customerId, $panel = null)
    {
        return $this->request('POST', '/v1/customers/' . rawurlencode((string) $customerId) . '/login'
            . self::panelQuery($panel), null, array());
    }

    // ---- signed webhooks

    /** Sends a signed event to POST /v1/events (no API key: the signature authenticates it). */
    public function sendEvent($webhookSecret, $type, array $data, $webhookId = null)
    {
        $webhookId = $webhookId !== null ? $webhookId : 'msg_' . self::newIdempotencyKey();
        $body = json_encode(array('type' => $type, 'timestamp' => gmdate('Y-m-d\TH:i:s\Z'), 'data' => $data),
            JSON_UNESCAPED_SLASHES);
        // the same id and timestamp on a transport retry: vfbridge recognises the redelivery
        $headers = Webhook::headers($webhookSecret, $webhookId, $body);
        return $this->send('POST', '/v1/events', $body, $headers, false);
    }

    // ---- the transport

    /** Sends a command with an Idempotency-Key (a new one when none is given). */
    public function command($method, $path, $data, $idempotencyKey = null)
    {
        $key = ($idempotencyKey !== null && $idempotencyKey !== '') ? (string) $idempotencyKey
            : self::newIdempotencyKey();
        return $this->request($method, $path, $data, array('Idempotency-Key' => $key));
    }

    public function get($path)
    {
        return $this->request('GET', $path, null, array());
    }

    /**
     * One request, retried on no answer, 429 and 5xx up to "tries" attempts with the same
     * headers (so the same Idempotency-Key).
     *
     * @return array the decoded JSON body (empty for an empty body)
     * @throws ApiException
     */
    public function request($method, $path, $data, array $headers)
    {
        $body = null;
        if ($data !== null) {
            $body = json_encode($data === array() ? new \stdClass() : $data, JSON_UNESCAPED_SLASHES);
        }
        $headers['Authorization'] = 'Bearer ' . $this->apiKey;
        return $this->send($method, $path, $body, $headers, true);
    }

    private function send($method, $path, $body, array $headers, $authenticated)
    {
        $url = $this->baseUrl . $path;
        $headers['Accept'] = 'application/json, application/problem+json';
        $headers['User-Agent'] = 'vfbridge-php/' . self::VERSION;
        if ($body !== null) {
            $headers['Content-Type'] = 'application/json';
        }
        $tries = max(1, (int) $this->options['tries']);
        $failure = null;
        for ($attempt = 1; $attempt <= $tries; $attempt++) {
            $answer = call_user_func($this->options['transport'], $method, $url, $headers, $body,
                (int) $this->options['timeout']);
            $status = (int) $answer[0];
            $responseHeaders = array_change_key_case(isset($answer[1]) ? $answer[1] : array(), CASE_LOWER);
            $responseBody = isset($answer[2]) ? (string) $answer[2] : '';
            if (is_callable($this->options['logger'])) {
                call_user_func($this->options['logger'], $method, $url, $body, $status, $responseBody);
            }
            if ($status >= 200 && $status < 300) {
                if (trim($responseBody) === '') {
                    return array();
                }
                $decoded = json_decode($responseBody, true);
                if (!is_array($decoded)) {
                    throw new ApiException($status, array(), $responseBody, 'vfbridge answered with something other than JSON');
                }
                return $decoded;
            }
            $failure = $status === 0
                ? ApiException::noAnswer(isset($answer[3]) ? $answer[3] : 'no connection')
                : ApiException::fromResponse($status, $responseBody);
            if (!$failure->isRetryable() || $attempt === $tries) {
                break;
            }
            $this->pause($this->backoff($attempt, $responseHeaders));
        }
        throw $failure;
    }

    private function backoff($attempt, array $headers)
    {
        if (isset($headers['retry-after']) && preg_match('/^[0-9]+$/', trim($headers['retry-after']))) {
            return min(5, (int) trim($headers['retry-after']));
        }
        return 0.5 * $attempt;
    }

    private function pause($seconds)
    {
        if (is_callable($this->options['sleep'])) {
            call_user_func($this->options['sleep'], $seconds);
        } elseif ($seconds > 0) {
            usleep((int) ($seconds * 1000000));
        }
    }

    private function servicePath($serviceId, $suffix)
    {
        return '/v1/services/' . rawurlencode((string) $serviceId) . $suffix;
    }

    private static function panelQuery($panel)
    {
        return ($panel !== null && $panel !== '') ? '?panel=' . rawurlencode((string) $panel) : '';
    }

    /** The default transport: PHP's curl extension. */
    public function curlTransport($method, $url, array $headers, $body, $timeout)
    {
        if (!function_exists('curl_init')) {
            return array(0, array(), '', 'the PHP curl extension is not installed');
        }
        $lines = array();
        foreach ($headers as $name => $value) {
            $lines[] = $name . ': ' . $value;
        }
        $responseHeaders = array();
        $curl = curl_init($url);
        curl_setopt_array($curl, array(
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_HTTPHEADER => $lines,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT => $timeout,
            CURLOPT_CONNECTTIMEOUT => min($timeout, (int) $this->options['connect_timeout']),
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_HEADERFUNCTION => function ($handle, $line) use (&$responseHeaders) {
                $parts = explode(':', $line, 2);
                if (count($parts) === 2) {
                    $responseHeaders[strtolower(trim($parts[0]))] = trim($parts[1]);
                }
                return strlen($line);
            },
        ));
        if ($body !== null) {
            curl_setopt($curl, CURLOPT_POSTFIELDS, $body);
        }
        $responseBody = curl_exec($curl);
        if ($responseBody === false) {
            $error = curl_error($curl);
            self::closeCurl($curl);
            return array(0, array(), '', $error);
        }
        $status = (int) curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        self::closeCurl($curl);
        return array($status, $responseHeaders, $responseBody);
    }

    private static function closeCurl($curl)
    {
        // a no-op since PHP 8.0 (and deprecated later): handles are freed with the object
        if (PHP_VERSION_ID < 80000) {
            curl_close($curl);
        }
    }
}
