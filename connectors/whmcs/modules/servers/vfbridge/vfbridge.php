<?php

/**
 * vfbridge provisioning module for WHMCS: every action is a command to vfbridge's REST
 * API, which provisions on VirtFusion exactly once and reports back to callback.php.
 *
 * Server record: Hostname (and Port) = vfbridge, "Secure" = https, Password = the API key
 * (roles billing and storefront), Access Hash = the callback secret (whsec_...).
 */

use Vfbridge\ApiException;
use Vfbridge\Client;
use VfbridgeWhmcs\Module;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

require_once __DIR__ . '/lib/bootstrap.php';

function vfbridge_MetaData()
{
    return array(
        'DisplayName' => 'vfbridge (VirtFusion)',
        'APIVersion' => '1.1',
        'RequiresServer' => true,
        'DefaultNonSSLPort' => '8080',
        'DefaultSSLPort' => '443',
        'ServiceSingleSignOnLabel' => 'Log in to VirtFusion',
    );
}

function vfbridge_ConfigOptions()
{
    return array(
        'vfbridge plan' => array(
            'Type' => 'text',
            'Size' => '25',
            'Description' => 'A plan configured in vfbridge (vfbridge.plans.&lt;id&gt;); empty to use the IDs below',
        ),
        'Package ID' => array(
            'Type' => 'text',
            'Size' => '10',
            'Loader' => 'vfbridge_PackageLoader',
            'SimpleMode' => true,
            'Description' => 'VirtFusion package (overrides the plan\'s)',
        ),
        'Hypervisor Group ID' => array(
            'Type' => 'text',
            'Size' => '10',
            'Loader' => 'vfbridge_LocationLoader',
            'SimpleMode' => true,
            'Description' => 'VirtFusion hypervisor group; a "Location" configurable option overrides it',
        ),
        'Default OS Template ID' => array(
            'Type' => 'text',
            'Size' => '10',
            'Loader' => 'vfbridge_TemplateLoader',
            'SimpleMode' => true,
            'Description' => 'Built when the order has no "Operating System" option; empty = create without building',
        ),
        'IPv4 addresses' => array(
            'Type' => 'text',
            'Size' => '5',
            'SimpleMode' => true,
            'Description' => 'How many; an "IPv4" configurable option overrides it; empty = the package\'s',
        ),
        'VirtFusion panel' => array(
            'Type' => 'text',
            'Size' => '20',
            'Description' => 'A panel name configured in vfbridge; empty = its default panel',
        ),
        'Create wait (seconds)' => array(
            'Type' => 'text',
            'Size' => '5',
            'Default' => (string) Module::DEFAULT_CREATE_WAIT,
            'Description' => 'How long Create waits for the server so its IP and password show at once (0-120)',
        ),
    );
}

/** @return array id => label; throws when vfbridge cannot be asked, so WHMCS shows a text field and the reason. */
function vfbridge_PackageLoader(array $params)
{
    $options = array();
    foreach (Module::client($params, 'PackageLoader')->packages(Module::panel($params)) as $package) {
        $options[$package['id']] = $package['name'] . ' (#' . $package['id'] . ')';
    }
    return $options;
}

function vfbridge_LocationLoader(array $params)
{
    $options = array();
    foreach (Module::client($params, 'LocationLoader')->locations(Module::panel($params)) as $location) {
        $options[$location['id']] = $location['name'] . ' (#' . $location['id'] . ')';
    }
    return $options;
}

function vfbridge_TemplateLoader(array $params)
{
    $client = Module::client($params, 'TemplateLoader');
    $package = Module::idOf(isset($params['configoption2']) ? $params['configoption2'] : null);
    if ($package === null) {
        $packages = $client->packages(Module::panel($params));
        if (!$packages) {
            throw new \RuntimeException('vfbridge lists no packages');
        }
        $package = (int) $packages[0]['id'];
    }
    $options = array();
    foreach ($client->packageTemplates($package, Module::panel($params)) as $group) {
        foreach (isset($group['templates']) ? $group['templates'] : array() as $template) {
            $options[$template['id']] = trim($template['name'] . ' ' . (isset($template['version']) ? $template['version'] : ''))
                . ' (#' . $template['id'] . ')';
        }
    }
    return $options;
}

function vfbridge_TestConnection(array $params)
{
    try {
        $client = Module::client($params, 'TestConnection');
        try {
            $me = $client->me();
        } catch (ApiException $e) {
            if ($e->getStatus() !== 404) {
                throw $e;
            }
            // a vfbridge without GET /v1/me: a catalogue read proves the address, the key and a panel
            $client->packages(Module::panel($params));
            Module::log('TestConnection', 'GET /v1/me', 'This vfbridge has no GET /v1/me: the package catalogue '
                . 'answered instead, so the address, the API key and the VirtFusion panel work; the key\'s roles '
                . 'were not checked', Module::secretsOf($params));
            return array('success' => true, 'error' => '');
        }
        $roles = isset($me['roles']) && is_array($me['roles']) ? $me['roles'] : array();
        $missing = array_diff(array('billing', 'storefront'), $roles);
        if ($missing && !in_array('operator', $roles, true)) {
            return array('success' => false, 'error' => 'The API key "' . (isset($me['key']) ? $me['key'] : '?')
                . '" lacks the role(s) ' . implode(', ', $missing) . ' (it has: ' . implode(', ', $roles) . ')');
        }
        $wanted = Module::panel($params);
        $found = false;
        foreach (isset($me['panels']) && is_array($me['panels']) ? $me['panels'] : array() as $panel) {
            $matches = $wanted === '' ? !empty($panel['default']) : (isset($panel['name']) && $panel['name'] === $wanted);
            if ($matches) {
                $found = true;
                if (isset($panel['reachable']) && $panel['reachable'] === false) {
                    return array('success' => false,
                        'error' => 'vfbridge answers, but cannot reach its VirtFusion panel "' . $panel['name'] . '"');
                }
            }
        }
        if (!$found) {
            return array('success' => false, 'error' => 'vfbridge has no VirtFusion panel '
                . ($wanted === '' ? 'marked default' : '"' . $wanted . '"'));
        }
        return array('success' => true, 'error' => '');
    } catch (\Exception $e) {
        return array('success' => false, 'error' => Module::errorMessage($e));
    }
}

function vfbridge_CreateAccount(array $params)
{
    try {
        $data = Module::createData($params);
        $client = Module::client($params, 'CreateAccount');
        // one key for this click, reused by the client's transport retries only
        $accepted = $client->createService($data, Client::newIdempotencyKey());
        $wait = Module::createWait($params);
        if ($wait <= 0 || empty($accepted['operationId'])) {
            return 'success';
        }
        try {
            $operation = $client->waitForOperation($accepted['operationId'], min(120, $wait), 1.0);
        } catch (ApiException $e) {
            // accepted: the callback reports the result
            return 'success';
        }
        return vfbridge_finish(Module::serviceId($params), $operation);
    } catch (\Exception $e) {
        return Module::errorMessage($e);
    }
}

/** 'success' for an accepted or succeeded operation (its result written into WHMCS), else its error. */
function vfbridge_finish($serviceId, array $operation)
{
    $status = isset($operation['status']) ? $operation['status'] : '';
    if ($status === 'succeeded') {
        Module::applyResult($serviceId, isset($operation['result']) && is_array($operation['result'])
            ? $operation['result'] : array());
        return 'success';
    }
    if (in_array($status, array('failed', 'dead', 'needs_attention'), true)) {
        return 'vfbridge: ' . str_replace('_', ' ', $status) . ': '
            . (!empty($operation['lastError']) ? $operation['lastError'] : 'no reason given');
    }
    return 'success';
}

/** Sends one command for this service; 'success' once vfbridge accepted it. */
function vfbridge_command(array $params, $action, $send)
{
    try {
        $client = Module::client($params, $action);
        $send($client, Module::serviceId($params), Client::newIdempotencyKey());
        return 'success';
    } catch (\Exception $e) {
        return Module::errorMessage($e);
    }
}

function vfbridge_SuspendAccount(array $params)
{
    return vfbridge_command($params, 'SuspendAccount', function (Client $client, $id, $key) {
        return $client->suspendService($id, $key);
    });
}

function vfbridge_UnsuspendAccount(array $params)
{
    return vfbridge_command($params, 'UnsuspendAccount', function (Client $client, $id, $key) {
        return $client->unsuspendService($id, $key);
    });
}

function vfbridge_TerminateAccount(array $params)
{
    return vfbridge_command($params, 'TerminateAccount', function (Client $client, $id, $key) {
        return $client->terminateService($id, array(), $key);
    });
}

function vfbridge_ChangePackage(array $params)
{
    $package = Module::idOf(isset($params['configoption2']) ? $params['configoption2'] : null);
    if ($package === null) {
        return 'The new product has no Package ID in its Module Settings: vfbridge needs one to change the package';
    }
    return vfbridge_command($params, 'ChangePackage', function (Client $client, $id, $key) use ($package) {
        return $client->changePackage($id, array('packageId' => $package), $key);
    });
}

/** VirtFusion picks the new root password; it replaces WHMCS's once the reset is done. */
function vfbridge_ChangePassword(array $params)
{
    return vfbridge_resetPassword($params);
}

function vfbridge_Renew(array $params)
{
    return 'success';
}

function vfbridge_AdminCustomButtonArray()
{
    return array(
        'Reboot' => 'reboot',
        'Power on' => 'powerOn',
        'Power off' => 'powerOff',
        'Rebuild' => 'rebuild',
        'Reset root password' => 'resetPassword',
        'Refresh status' => 'refreshStatus',
        'Retry failed operation' => 'retryOperation',
        'Link to existing VirtFusion server' => 'linkServer',
    );
}

function vfbridge_ClientAreaCustomButtonArray()
{
    return array(
        'Reboot' => 'reboot',
        'Power on' => 'powerOn',
        'Power off' => 'powerOff',
        'Rebuild' => 'rebuild',
        'Reset root password' => 'resetPassword',
    );
}

function vfbridge_reboot(array $params)
{
    return vfbridge_power($params, 'restart');
}

function vfbridge_powerOn(array $params)
{
    return vfbridge_power($params, 'boot');
}

function vfbridge_powerOff(array $params)
{
    return vfbridge_power($params, 'shutdown');
}

function vfbridge_power(array $params, $action)
{
    return vfbridge_command($params, 'Power ' . $action, function (Client $client, $id, $key) use ($action) {
        return $client->powerService($id, $action, $key);
    });
}

/**
 * Rebuilds with the OS chosen in the client area's form (vfbridge_os, checked against the
 * templates the server may take), else the order's OS, else the product's default.
 */
function vfbridge_rebuild(array $params)
{
    try {
        $client = Module::client($params, 'Rebuild');
        $serviceId = Module::serviceId($params);
        $os = Module::idOf(isset($_REQUEST['vfbridge_os']) ? $_REQUEST['vfbridge_os'] : null);
        if ($os !== null && !array_key_exists($os, vfbridge_templates($client, $serviceId))) {
            return 'That operating system is not offered for this server';
        }
        if ($os === null) {
            $os = Module::osTemplateId($params);
        }
        if ($os === null) {
            return 'Choose an operating system to rebuild with';
        }
        $accepted = $client->rebuildService($serviceId, $os, null, Client::newIdempotencyKey());
        return vfbridge_finish($serviceId, $client->waitForOperation($accepted['operationId'], 5, 1.0));
    } catch (\Exception $e) {
        return Module::errorMessage($e);
    }
}

function vfbridge_resetPassword(array $params)
{
    try {
        $client = Module::client($params, 'ResetPassword');
        $serviceId = Module::serviceId($params);
        $accepted = $client->resetServicePassword($serviceId, Client::newIdempotencyKey());
        try {
            $operation = $client->waitForOperation($accepted['operationId'], Module::createWait($params), 1.0);
        } catch (ApiException $e) {
            return 'success';
        }
        return vfbridge_finish($serviceId, $operation);
    } catch (\Exception $e) {
        return Module::errorMessage($e);
    }
}

/** Reads the service from vfbridge and writes its IPs into WHMCS. */
function vfbridge_refreshStatus(array $params)
{
    try {
        $service = Module::client($params, 'RefreshStatus')->service(Module::serviceId($params));
        Module::applyResult(Module::serviceId($params), $service);
        return 'success';
    } catch (\Exception $e) {
        return Module::errorMessage($e);
    }
}

/** Re-drives the service's latest failed, dead or needs-attention operation (the key needs the operator role). */
function vfbridge_retryOperation(array $params)
{
    try {
        $client = Module::client($params, 'RetryOperation');
        $failed = null;
        // newest first
        foreach ($client->serviceOperations(Module::serviceId($params)) as $operation) {
            if (in_array($operation['status'], array('failed', 'dead', 'needs_attention'), true)) {
                $failed = $operation;
                break;
            }
        }
        if ($failed === null) {
            return 'This service has no failed operation to retry';
        }
        $client->retryOperation($failed['operationId'], Client::newIdempotencyKey());
        return 'success';
    } catch (ApiException $e) {
        if ($e->getStatus() === 403) {
            return 'Retrying needs an API key with the operator role; retry it on vfbridge\'s operator page instead';
        }
        return Module::errorMessage($e);
    } catch (\Exception $e) {
        return Module::errorMessage($e);
    }
}

/** Links the service to the VirtFusion server whose id is in the "VirtFusion Server ID" custom field. */
function vfbridge_linkServer(array $params)
{
    $server = Module::idOf(Module::customField($params, Module::SERVER_ID_FIELD));
    if ($server === null) {
        return 'Type the VirtFusion server id into the "' . Module::SERVER_ID_FIELD . '" field, save, then link';
    }
    $data = array('customer' => Module::customer($params), 'server' => array('id' => $server));
    if (Module::panel($params) !== '') {
        $data['panel'] = Module::panel($params);
    }
    try {
        $client = Module::client($params, 'LinkServer');
        $serviceId = Module::serviceId($params);
        $accepted = $client->importService($serviceId, $data, Client::newIdempotencyKey());
        if (empty($accepted['operationId'])) {
            return 'success';
        }
        return vfbridge_finish($serviceId, $client->waitForOperation($accepted['operationId'], 10, 1.0));
    } catch (\Exception $e) {
        return Module::errorMessage($e);
    }
}

/** @return array template id => name, of the templates the service's server may be rebuilt with */
function vfbridge_templates(Client $client, $serviceId)
{
    $templates = array();
    foreach ($client->serviceTemplates($serviceId) as $group) {
        foreach (isset($group['templates']) ? $group['templates'] : array() as $template) {
            $templates[(int) $template['id']] = trim($template['name'] . ' '
                . (isset($template['version']) ? $template['version'] : ''));
        }
    }
    return $templates;
}

function vfbridge_ServiceSingleSignOn(array $params)
{
    try {
        $link = Module::client($params, 'ServiceSingleSignOn')->serviceLoginLink(Module::serviceId($params));
        if (empty($link['url'])) {
            return array('success' => false, 'errorMsg' => 'vfbridge returned no login link');
        }
        return array('success' => true, 'redirectTo' => $link['url']);
    } catch (\Exception $e) {
        return array('success' => false, 'errorMsg' => Module::errorMessage($e));
    }
}

/** The service as vfbridge sees it, on the admin's service page. */
function vfbridge_AdminServicesTabFields(array $params)
{
    $esc = function ($value) {
        return htmlspecialchars((string) $value, ENT_QUOTES, 'UTF-8');
    };
    try {
        $client = Module::client($params, 'AdminServicesTabFields');
        $serviceId = Module::serviceId($params);
        try {
            $service = $client->service($serviceId);
        } catch (ApiException $e) {
            if ($e->getStatus() !== 404) {
                throw $e;
            }
            $service = null;
        }
        $fields = array();
        if ($service === null) {
            $fields['vfbridge state'] = 'unknown to vfbridge (not created yet)';
        } else {
            $state = $esc($service['state']);
            if (!empty($service['stateReason'])) {
                $state .= ' &mdash; ' . $esc($service['stateReason']);
            }
            $fields['vfbridge state'] = $state;
            $fields['VirtFusion server'] = isset($service['serverId'])
                ? '#' . $esc($service['serverId']) . (empty($service['panel']) ? '' : ' on panel ' . $esc($service['panel']))
                : 'none yet';
            $ips = array_merge(isset($service['ipv4']) ? (array) $service['ipv4'] : array(),
                isset($service['ipv6']) ? (array) $service['ipv6'] : array());
            $fields['IP addresses'] = $ips ? $esc(implode(', ', $ips)) : 'none';
        }
        // newest first
        $operations = $service === null ? array() : $client->serviceOperations($serviceId);
        $last = $operations ? $operations[0] : null;
        if ($last !== null) {
            $text = $esc($last['type']) . ': <strong>' . $esc($last['status']) . '</strong> ('
                . $esc($last['createdAt']) . ', ' . (int) $last['attempts'] . ' attempt(s))';
            if (!empty($last['lastError'])) {
                $text .= '<br>Error: ' . $esc($last['lastError']);
            }
            $text .= '<br><a href="' . $esc($client->getBaseUrl() . '/v1/operations/' . $last['operationId'])
                . '" target="_blank" rel="noopener">Operation ' . $esc($last['operationId']) . '</a> (API key needed)'
                . ' &middot; <a href="' . $esc($client->getBaseUrl() . '/ops/') . '" target="_blank" rel="noopener">'
                . 'operator page</a>';
            $fields['Last operation'] = $text;
        }
        return $fields;
    } catch (\Exception $e) {
        return array('vfbridge' => $esc(Module::errorMessage($e)));
    }
}

/** The client area's overview: state, IPs, OS, traffic; and the rebuild form's OS list. */
function vfbridge_ClientArea(array $params)
{
    $vars = array('serviceid' => (int) $params['serviceid'], 'vfbridgeError' => '', 'state' => '', 'ips' => array(), 'os' => '', 'templates' => array(),
        'trafficUsedGb' => null, 'trafficLimitGb' => null, 'hostname' => '');
    try {
        $client = Module::client($params, 'ClientArea');
        $serviceId = Module::serviceId($params);
        $details = $client->serviceDetails($serviceId);
        $service = isset($details['service']) ? $details['service'] : array();
        $server = isset($details['server']) && is_array($details['server']) ? $details['server'] : array();
        $vars['state'] = isset($service['state']) ? $service['state'] : '';
        $vars['hostname'] = isset($server['hostname']) ? $server['hostname'] : (isset($service['hostname']) ? $service['hostname'] : '');
        $vars['ips'] = array_merge(isset($server['ipv4']) ? (array) $server['ipv4'] : array(),
            isset($server['ipv6']) ? (array) $server['ipv6'] : array());
        $vars['templates'] = vfbridge_templates($client, $serviceId);
        if (isset($server['osTemplateId'])) {
            $id = (int) $server['osTemplateId'];
            $vars['os'] = isset($vars['templates'][$id]) ? $vars['templates'][$id] : '#' . $id;
        }
        if (isset($server['trafficPeriod']['limit'])) {
            $vars['trafficLimitGb'] = (int) $server['trafficPeriod']['limit'];
        }
        try {
            $usage = $client->serviceUsage($serviceId);
            if (!empty($usage['periods'][0])) {
                $period = $usage['periods'][0];
                $vars['trafficUsedGb'] = round(((float) $period['totalBytes']) / 1073741824, 2);
                if (isset($period['limitGb'])) {
                    $vars['trafficLimitGb'] = (int) $period['limitGb'];
                }
            }
        } catch (ApiException $e) {
            // no usage pulled yet: the overview shows the rest
        }
    } catch (\Exception $e) {
        $vars['vfbridgeError'] = Module::errorMessage($e);
    }
    return array(
        'tabOverviewReplacementTemplate' => 'templates/overview.tpl',
        'templateVariables' => $vars,
    );
}

/**
 * Disk and bandwidth of every service on this server into WHMCS's usage fields, from
 * vfbridge's last usage sync (GET /v1/usage, every page).
 */
function vfbridge_UsageUpdate(array $params)
{
    try {
        $services = Module::client($params, 'UsageUpdate')->usageSince(null, 1000);
        $updated = 0;
        foreach ($services as $usage) {
            $serviceId = isset($usage['serviceId']) ? (string) $usage['serviceId'] : '';
            if (!preg_match('/^[1-9][0-9]{0,18}$/', $serviceId) || empty($usage['periods'][0])) {
                continue;
            }
            $period = $usage['periods'][0];
            $mib = 1048576;
            $updated += \WHMCS\Database\Capsule::table('tblhosting')
                ->where('id', (int) $serviceId)
                ->where('server', (int) $params['serverid'])
                ->update(array(
                    'diskusage' => (int) round(((float) $period['diskUsedBytes']) / $mib),
                    'disklimit' => (int) round(((float) $period['diskCapacityBytes']) / $mib),
                    'bwusage' => (int) round(((float) $period['totalBytes']) / $mib),
                    'bwlimit' => (int) $period['limitGb'] * 1024,
                    'lastupdate' => date('Y-m-d H:i:s'),
                ));
        }
        return 'success';
    } catch (\Exception $e) {
        return Module::errorMessage($e);
    }
}
