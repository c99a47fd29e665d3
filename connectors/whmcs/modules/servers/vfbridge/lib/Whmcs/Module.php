<?php

namespace VfbridgeWhmcs;

use Vfbridge\ApiException;
use Vfbridge\Client;

/**
 * What the WHMCS functions share: the client built from the server record, the
 * product's settings with the order's configurable options over them, logging with
 * secrets masked, and writing vfbridge's results into the WHMCS service.
 */
final class Module
{
    const NAME = 'vfbridge';

    /** Default seconds CreateAccount waits for the server before answering. */
    const DEFAULT_CREATE_WAIT = 20;

    /** The custom field an admin types a VirtFusion server id into, to link it. */
    const SERVER_ID_FIELD = 'VirtFusion Server ID';

    const SSH_KEY_FIELD = 'SSH Key';

    const HOSTNAME_PATTERN = '/^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/';

    /** vfbridge's base URL from the server record: hostname (or IP), port, secure → https. */
    public static function baseUrl(array $params)
    {
        $host = trim(isset($params['serverhostname']) ? (string) $params['serverhostname'] : '');
        if ($host === '') {
            $host = trim(isset($params['serverip']) ? (string) $params['serverip'] : '');
        }
        if ($host === '') {
            throw new \InvalidArgumentException('The server record has no hostname or IP address for vfbridge');
        }
        if (preg_match('#^https?://#i', $host)) {
            return rtrim($host, '/');
        }
        $secure = isset($params['serversecure']) ? $params['serversecure'] : false;
        $secure = $secure === true || $secure === 1 || $secure === '1' || $secure === 'on' || $secure === 'true';
        $port = isset($params['serverport']) ? trim((string) $params['serverport']) : '';
        $path = '';
        if (strpos($host, '/') !== false) {
            list($host, $path) = explode('/', $host, 2);
            $path = '/' . trim($path, '/');
        }
        return ($secure ? 'https' : 'http') . '://' . $host . ($port !== '' && $port !== '0' ? ':' . $port : '') . $path;
    }

    /** The API key: the server's Password field, else its Access Hash when that is not a whsec_ secret. */
    public static function apiKey(array $params)
    {
        $password = isset($params['serverpassword']) ? trim((string) $params['serverpassword']) : '';
        if ($password !== '') {
            return $password;
        }
        $hash = isset($params['serveraccesshash']) ? trim((string) $params['serveraccesshash']) : '';
        return strpos($hash, 'whsec_') === 0 ? '' : $hash;
    }

    /** The client for this server record; every HTTP attempt goes to the module log under $action. */
    public static function client(array $params, $action)
    {
        $apiKey = self::apiKey($params);
        if ($apiKey === '') {
            throw new \InvalidArgumentException('No vfbridge API key: put it in the server\'s Password field');
        }
        $masked = self::secretsOf($params);
        return new Client(self::baseUrl($params), $apiKey, array(
            'timeout' => 10,
            'tries' => 3,
            'logger' => function ($method, $url, $requestBody, $status, $responseBody) use ($action, $masked) {
                self::log($action, $method . ' ' . $url . "\n" . self::maskJson($requestBody),
                    'HTTP ' . ($status === 0 ? 'no answer' : $status) . "\n" . self::maskJson($responseBody), $masked);
            },
        ));
    }

    /** Writes one entry to WHMCS's module log, with every known secret replaced. */
    public static function log($action, $request, $response, array $secrets = array())
    {
        if (function_exists('logModuleCall')) {
            logModuleCall(self::NAME, $action, $request, $response, '', array_values(array_filter($secrets)));
        }
    }

    /** The values that must never reach a log: the API key, the service's and server's passwords. */
    public static function secretsOf(array $params)
    {
        $secrets = array();
        foreach (array('serverpassword', 'serveraccesshash', 'password') as $key) {
            if (isset($params[$key]) && is_string($params[$key]) && strlen($params[$key]) >= 4) {
                $secrets[] = $params[$key];
            }
        }
        return $secrets;
    }

    /** A JSON body with passwords, secrets and login links replaced by asterisks. */
    public static function maskJson($body)
    {
        if ($body === null || $body === '') {
            return '';
        }
        $decoded = json_decode($body, true);
        if (!is_array($decoded)) {
            return (string) $body;
        }
        return json_encode(self::mask($decoded), JSON_UNESCAPED_SLASHES);
    }

    private static function mask(array $data)
    {
        foreach ($data as $key => $value) {
            if (is_array($value)) {
                $data[$key] = self::mask($value);
            } elseif (is_string($key) && (preg_match('/password|secret|token/i', $key)
                || ($key === 'url' && is_string($value) && strpos($value, '?') !== false))) {
                $data[$key] = '********';
            }
        }
        return $data;
    }

    // ---- the service as vfbridge knows it

    public static function serviceId(array $params)
    {
        return (string) $params['serviceid'];
    }

    public static function customer(array $params)
    {
        $client = isset($params['clientsdetails']) && is_array($params['clientsdetails']) ? $params['clientsdetails'] : array();
        $name = trim((isset($client['firstname']) ? $client['firstname'] : '') . ' '
            . (isset($client['lastname']) ? $client['lastname'] : ''));
        if ($name === '' && !empty($client['companyname'])) {
            $name = (string) $client['companyname'];
        }
        return array(
            'id' => (string) $params['userid'],
            'email' => isset($client['email']) ? (string) $client['email'] : '',
            'name' => $name !== '' ? $name : 'Client ' . $params['userid'],
        );
    }

    /** An integer from a configurable option ("id|label", WHMCS's convention) or a module setting. */
    public static function idOf($value)
    {
        if ($value === null || is_array($value)) {
            return null;
        }
        $value = trim((string) $value);
        if (strpos($value, '|') !== false) {
            $value = trim(substr($value, 0, strpos($value, '|')));
        }
        return preg_match('/^[0-9]{1,18}$/', $value) && (int) $value > 0 ? (int) $value : null;
    }

    private static function option(array $params, $name)
    {
        if (isset($params['configoptions']) && is_array($params['configoptions'])) {
            foreach ($params['configoptions'] as $key => $value) {
                $base = strpos($key, '|') !== false ? substr($key, 0, strpos($key, '|')) : $key;
                if (strcasecmp(trim($base), $name) === 0 && $value !== '' && $value !== null) {
                    return $value;
                }
            }
        }
        return null;
    }

    private static function setting(array $params, $n)
    {
        return isset($params['configoption' . $n]) ? trim((string) $params['configoption' . $n]) : '';
    }

    public static function customField(array $params, $name)
    {
        if (isset($params['customfields']) && is_array($params['customfields'])) {
            foreach ($params['customfields'] as $key => $value) {
                $base = strpos($key, '|') !== false ? substr($key, 0, strpos($key, '|')) : $key;
                if (strcasecmp(trim($base), $name) === 0) {
                    return trim((string) $value);
                }
            }
        }
        return '';
    }

    public static function panel(array $params)
    {
        return self::setting($params, 6);
    }

    /** The OS template of this order: the "Operating System" option, else the product's default. */
    public static function osTemplateId(array $params)
    {
        $os = self::idOf(self::option($params, 'Operating System'));
        return $os !== null ? $os : self::idOf(self::setting($params, 4));
    }

    public static function createWait(array $params)
    {
        $wait = self::setting($params, 7);
        return preg_match('/^[0-9]{1,3}$/', $wait) ? (int) $wait : self::DEFAULT_CREATE_WAIT;
    }

    /** The service.create data for this order; throws when the product is not set up. */
    public static function createData(array $params)
    {
        $service = array('id' => self::serviceId($params));
        $plan = self::setting($params, 1);
        if ($plan !== '') {
            $service['plan'] = $plan;
        }
        $package = self::idOf(self::setting($params, 2));
        if ($package !== null) {
            $service['packageId'] = $package;
        }
        $location = self::idOf(self::option($params, 'Location'));
        if ($location === null) {
            $location = self::idOf(self::setting($params, 3));
        }
        if ($location !== null) {
            $service['hypervisorGroupId'] = $location;
        }
        if ($plan === '' && ($package === null || $location === null)) {
            throw new \InvalidArgumentException('The product needs a vfbridge plan, or a Package ID and a Hypervisor '
                . 'Group ID (Module Settings), or a Location configurable option');
        }
        $os = self::osTemplateId($params);
        if ($os !== null) {
            $service['osTemplateId'] = $os;
        }
        $ipv4 = self::option($params, 'IPv4');
        $ipv4 = $ipv4 !== null ? $ipv4 : self::setting($params, 5);
        if ($ipv4 !== '' && preg_match('/^\s*([0-9]{1,2})/', (string) $ipv4, $m)) {
            $service['ipv4'] = (int) $m[1];
        }
        $domain = isset($params['domain']) ? trim((string) $params['domain']) : '';
        if ($domain !== '' && preg_match(self::HOSTNAME_PATTERN, $domain)) {
            $service['hostname'] = $domain;
        }
        $key = self::customField($params, self::SSH_KEY_FIELD);
        if ($key !== '') {
            $service['sshKeys'] = array($key);
        }
        $panel = self::panel($params);
        if ($panel !== '') {
            $service['panel'] = $panel;
        }
        return array('customer' => self::customer($params), 'service' => $service);
    }

    // ---- results into WHMCS

    /**
     * Writes what an operation's result says about the server into the WHMCS service
     * (dedicated IP, assigned IPs, username, a new root password) through localAPI.
     *
     * @return bool whether anything was written
     */
    public static function applyResult($serviceId, array $result, $status = null)
    {
        $values = self::serviceValues($result);
        if ($status !== null) {
            $values['status'] = $status;
        }
        if (!$values) {
            return false;
        }
        $values['serviceid'] = (int) $serviceId;
        $answer = localAPI('UpdateClientProduct', $values);
        if (!is_array($answer) || !isset($answer['result']) || $answer['result'] !== 'success') {
            throw new \RuntimeException('WHMCS did not update service ' . $serviceId . ': '
                . (is_array($answer) && isset($answer['message']) ? $answer['message'] : 'no answer'));
        }
        return true;
    }

    /** The UpdateClientProduct fields an operation result (or a service view) fills in. */
    public static function serviceValues(array $result)
    {
        $values = array();
        $ipv4 = isset($result['ipv4']) && is_array($result['ipv4']) ? array_values($result['ipv4']) : array();
        $ipv6 = isset($result['ipv6']) && is_array($result['ipv6']) ? array_values($result['ipv6']) : array();
        if ($ipv4 || $ipv6) {
            $all = array_merge($ipv4, $ipv6);
            $values['dedicatedip'] = (string) array_shift($all);
            $values['assignedips'] = implode("\n", $all);
        }
        if (isset($result['serverId']) || isset($result['rootPassword'])) {
            $values['serviceusername'] = 'root';
        }
        if (isset($result['rootPassword']) && is_string($result['rootPassword']) && $result['rootPassword'] !== '') {
            $values['servicepassword'] = $result['rootPassword'];
        }
        return $values;
    }

    /** The message WHMCS shows for a failure. */
    public static function errorMessage(\Exception $e)
    {
        if ($e instanceof ApiException) {
            if ($e->getStatus() === 0) {
                return 'vfbridge is unreachable (' . $e->getMessage() . '); nothing was sent, try again';
            }
            if ($e->getStatus() === 401) {
                return 'vfbridge refused the API key (HTTP 401): check the server\'s Password field';
            }
            if ($e->getStatus() === 403) {
                return 'vfbridge: the API key lacks the role for this action (HTTP 403): ' . $e->getMessage();
            }
            if ($e->getStatus() >= 500) {
                return 'vfbridge could not take the request (HTTP ' . $e->getStatus() . '): ' . $e->getMessage()
                    . '; try again';
            }
            return 'vfbridge: ' . $e->getMessage();
        }
        return $e->getMessage();
    }
}
