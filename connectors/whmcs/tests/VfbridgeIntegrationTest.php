<?php

use PHPUnit\Framework\TestCase;
use Vfbridge\Client;
use Vfbridge\Webhook;

/**
 * The module loaded as WHMCS loads it, against the packaged vfbridge jar in its local
 * default (embedded PostgreSQL, the built-in simulator), with callback.php behind PHP's
 * built-in web server receiving vfbridge's real signed callbacks. connectors/run-tests.sh
 * starts both and sets the VFBRIDGE_* variables; without them the class is skipped.
 *
 * The tests run in order and build on each other's services.
 */
final class VfbridgeIntegrationTest extends TestCase
{
    const WAIT_SECONDS = 90;

    private static $url;

    protected function setUp(): void
    {
        self::$url = getenv('VFBRIDGE_URL');
        if (!self::$url) {
            $this->markTestSkipped('VFBRIDGE_URL is not set: run connectors/run-tests.sh target/vfbridge.jar');
        }
        WhmcsShim::reset();
    }

    private function params($serviceId, $userId, array $overrides = array())
    {
        return Params::forService($serviceId, $userId, self::$url, getenv('VFBRIDGE_API_KEY'), array_replace(
            array('serveraccesshash' => getenv('VFBRIDGE_CALLBACK_SECRET')), $overrides));
    }

    private function vfbridge()
    {
        return new Client(self::$url, getenv('VFBRIDGE_API_KEY'));
    }

    private function simulator($path)
    {
        $curl = curl_init(self::$url . '/simulator' . $path);
        curl_setopt_array($curl, array(CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 10,
            CURLOPT_HTTPHEADER => array('Authorization: Bearer ' . getenv('VFBRIDGE_SIMULATOR_TOKEN'))));
        $body = curl_exec($curl);
        $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        return array($status, json_decode((string) $body, true));
    }

    private function serversOfCustomer($userId)
    {
        $stats = $this->simulator('/_admin/stats')[1];
        return isset($stats['servers']['byOwnerExtRelationId'][(string) $userId])
            ? (int) $stats['servers']['byOwnerExtRelationId'][(string) $userId] : 0;
    }

    private function simulatedServer($serverId)
    {
        return $this->simulator('/api/v1/servers/' . $serverId);
    }

    private function eventually(callable $condition, $what)
    {
        $deadline = time() + self::WAIT_SECONDS;
        do {
            $value = $condition();
            if ($value) {
                return $value;
            }
            usleep(500000);
        } while (time() < $deadline);
        $this->fail('not within ' . self::WAIT_SECONDS . ' s: ' . $what);
    }

    /** localAPI calls made by callback.php (in the web server's process). */
    private function callbackCalls($serviceId)
    {
        $file = getenv('VFBRIDGE_LOCALAPI_LOG');
        $lines = is_file($file) ? array_filter(explode("\n", file_get_contents($file))) : array();
        $calls = array();
        foreach ($lines as $line) {
            $call = json_decode($line, true);
            if (isset($call['values']['serviceid']) && (int) $call['values']['serviceid'] === $serviceId) {
                $calls[] = $call;
            }
        }
        return $calls;
    }

    /** The root password callback.php wrote for a service (waiting for it). */
    private function passwordFromCallback($serviceId, $skip = 0)
    {
        return $this->eventually(function () use ($serviceId, $skip) {
            $passwords = array();
            foreach ($this->callbackCalls($serviceId) as $call) {
                if (!empty($call['values']['servicepassword'])) {
                    $passwords[] = $call['values']['servicepassword'];
                }
            }
            return count($passwords) > $skip ? $passwords[$skip] : null;
        }, 'callback.php writes a root password for service ' . $serviceId);
    }

    private function serverIdOf($serviceId)
    {
        $service = $this->vfbridge()->service((string) $serviceId);
        return isset($service['serverId']) ? (int) $service['serverId'] : null;
    }

    public function testConnects()
    {
        $this->assertSame(array('success' => true, 'error' => ''), vfbridge_TestConnection($this->params(1, 1)));
    }

    public function testCreatesAServerAndWritesItsAddressAndPasswordWhileTheAdminWaits()
    {
        $this->assertSame('success', vfbridge_CreateAccount($this->params(1001, 501)));
        $updates = WhmcsShim::calls('UpdateClientProduct');
        $this->assertCount(1, $updates, 'the create finished within the wait');
        $values = $updates[0]['values'];
        $this->assertSame(1001, $values['serviceid']);
        $this->assertMatchesRegularExpression('/^\d+\.\d+\.\d+\.\d+$/', $values['dedicatedip']);
        $this->assertSame('root', $values['serviceusername']);
        // vfbridge hands the root password out once: to the module's poll, or (usually first) to the callback
        $password = isset($values['servicepassword']) ? $values['servicepassword'] : $this->passwordFromCallback(1001);
        $this->assertNotEmpty($password);
        $this->assertSame(1, $this->serversOfCustomer(501));
        list($status, $server) = $this->simulatedServer($this->serverIdOf(1001));
        $this->assertSame(200, $status);
        $this->assertSame($values['dedicatedip'], $server['data']['network']['interfaces'][0]['ipv4'][0]['address']);
        $this->assertSame(501, (int) $server['data']['owner']['extRelationId']);
        foreach (WhmcsShim::$moduleLog as $entry) {
            $this->assertStringNotContainsString($password, $entry['request'] . $entry['response']);
            $this->assertContains(getenv('VFBRIDGE_API_KEY'), $entry['replaceVars']);
        }
    }

    public function testCreatesWithoutWaitingAndTheSignedCallbackWritesAddressAndPassword()
    {
        $this->assertSame('success', vfbridge_CreateAccount($this->params(1002, 502, array('configoption7' => '0'))));
        $this->assertSame(array(), WhmcsShim::$localApi, 'nothing written before the server exists');
        $call = $this->eventually(function () {
            foreach ($this->callbackCalls(1002) as $call) {
                if ($call['command'] === 'UpdateClientProduct' && !empty($call['values']['servicepassword'])) {
                    return $call;
                }
            }
            return null;
        }, 'callback.php writes the address and password of service 1002');
        $this->assertMatchesRegularExpression('/^\d+\.\d+\.\d+\.\d+$/', $call['values']['dedicatedip']);
        $this->assertSame(1, $this->serversOfCustomer(502));
    }

    public function testASecondCreateClickMakesNoSecondServer()
    {
        $this->eventually(function () {
            return $this->serverIdOf(1001);
        }, 'service 1001 has its server');
        $result = vfbridge_CreateAccount($this->params(1001, 501));
        $this->assertSame('success', $result);
        $this->assertSame(1, $this->serversOfCustomer(501));
    }

    public function testSuspendsAndUnsuspends()
    {
        $serverId = $this->serverIdOf(1001);
        $this->assertSame('success', vfbridge_SuspendAccount($this->params(1001, 501)));
        $this->eventually(function () use ($serverId) {
            return $this->simulatedServer($serverId)[1]['data']['suspended'] === true;
        }, 'the simulator shows server ' . $serverId . ' suspended');
        $this->assertSame('success', vfbridge_UnsuspendAccount($this->params(1001, 501)));
        $this->eventually(function () use ($serverId) {
            return $this->simulatedServer($serverId)[1]['data']['suspended'] === false;
        }, 'the simulator shows server ' . $serverId . ' unsuspended');
    }

    public function testChangesThePackage()
    {
        $this->assertSame('success', vfbridge_ChangePackage($this->params(1001, 501, array('configoption2' => '2'))));
        $serverId = $this->serverIdOf(1001);
        $this->eventually(function () use ($serverId) {
            return $this->vfbridge()->service('1001')['packageId'] === 2
                && $this->simulatedServer($serverId)[1]['data']['settings']['resources']['memory'] === 4096;
        }, 'vfbridge and the simulator show package 2 (4 GB)');
    }

    public function testShowsTheServiceToAdminAndClientAndSignsOn()
    {
        $fields = vfbridge_AdminServicesTabFields($this->params(1001, 501));
        $this->assertSame('active', $fields['vfbridge state']);
        $this->assertStringContainsString('#' . $this->serverIdOf(1001), $fields['VirtFusion server']);
        $this->assertStringContainsString('/v1/operations/', $fields['Last operation']);

        $area = vfbridge_ClientArea($this->params(1001, 501));
        $vars = $area['templateVariables'];
        $this->assertSame('', $vars['vfbridgeError']);
        $this->assertSame('active', $vars['state']);
        $this->assertNotEmpty($vars['ips']);
        $this->assertSame('Debian 12', $vars['os']);
        $this->assertNotEmpty($vars['templates']);
        $this->assertFileExists(__DIR__ . '/../modules/servers/vfbridge/' . $area['tabOverviewReplacementTemplate']);

        $sso = vfbridge_ServiceSingleSignOn($this->params(1001, 501));
        $this->assertTrue($sso['success']);
        $this->assertStringContainsString('token_authenticate', $sso['redirectTo']);
    }

    public function testRunsThePowerButtonsAndResetsThePassword()
    {
        $this->assertSame('success', vfbridge_reboot($this->params(1001, 501)));
        $before = array();
        foreach ($this->callbackCalls(1001) as $call) {
            if (!empty($call['values']['servicepassword'])) {
                $before[] = $call['values']['servicepassword'];
            }
        }
        $this->assertSame('success', vfbridge_resetPassword($this->params(1001, 501)));
        $updates = WhmcsShim::calls('UpdateClientProduct');
        $password = !empty($updates[0]['values']['servicepassword']) ? $updates[0]['values']['servicepassword']
            : $this->passwordFromCallback(1001, count($before));
        $this->assertNotContains($password, $before, 'a new password');
    }

    public function testImportsUsageIntoWhmcs()
    {
        $ops = new Client(self::$url, getenv('VFBRIDGE_OPERATOR_KEY'));
        $sync = $ops->command('POST', '/v1/usage/sync', null);
        $this->assertSame('succeeded', $ops->waitForOperation($sync['operationId'], self::WAIT_SECONDS)['status']);
        $this->assertSame('success', vfbridge_UsageUpdate($this->params(1001, 501)));
        $ids = array_map(function ($update) {
            return $update['where']['id'];
        }, \WHMCS\Database\Capsule::$updates);
        $this->assertContains(1001, $ids);
        $this->assertSame('tblhosting', \WHMCS\Database\Capsule::$updates[0]['table']);
        $period = $this->vfbridge()->serviceUsage('1001')['periods'][0];
        $values = \WHMCS\Database\Capsule::$updates[array_search(1001, $ids)]['values'];
        $this->assertSame($period['limitGb'] * 1024, $values['bwlimit']);
        $this->assertSame((int) round($period['diskCapacityBytes'] / 1048576), $values['disklimit']);
        $this->assertGreaterThan(0, $values['disklimit']);
    }

    public function testTerminates()
    {
        $serverId = $this->serverIdOf(1002);
        $this->assertSame('success', vfbridge_TerminateAccount($this->params(1002, 502)));
        $this->eventually(function () use ($serverId) {
            return $this->simulatedServer($serverId)[0] === 404;
        }, 'the simulator no longer has server ' . $serverId);
        $this->eventually(function () {
            foreach ($this->callbackCalls(1002) as $call) {
                if (isset($call['values']['status']) && $call['values']['status'] === 'Terminated') {
                    return true;
                }
            }
            return false;
        }, 'callback.php marks service 1002 terminated');
    }

    public function testGivesAClearErrorAndDoesNothingWhenVfbridgeIsDown()
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($socket, false);
        fclose($socket);
        $params = $this->params(1003, 503, array('serverport' => substr($name, strrpos($name, ':') + 1)));
        $result = vfbridge_CreateAccount($params);
        $this->assertStringContainsString('vfbridge is unreachable', $result);
        $this->assertSame(array(), WhmcsShim::$localApi);
        $this->assertCount(3, WhmcsShim::$moduleLog, 'three tries');
        $this->assertSame(0, $this->serversOfCustomer(503));
        try {
            $this->vfbridge()->service('1003');
            $this->fail('vfbridge knows service 1003');
        } catch (\Vfbridge\ApiException $e) {
            $this->assertSame(404, $e->getStatus());
        }
    }

    public function testCallbackRejectsAForgedOrReplayedCallback()
    {
        $before = count($this->callbackCalls(1001));
        $body = json_encode(array('type' => 'operation.succeeded', 'timestamp' => gmdate('c'), 'data' => array(
            'operationId' => 'forged', 'type' => 'service.create', 'status' => 'succeeded', 'serviceId' => '1001',
            'result' => array('serverId' => 1, 'ipv4' => array('192.0.2.66'), 'rootPassword' => 'attacker'))));
        $post = function (array $headers) use ($body) {
            $lines = array('Content-Type: application/json');
            foreach ($headers as $name => $value) {
                $lines[] = $name . ': ' . $value;
            }
            $curl = curl_init(getenv('VFBRIDGE_CALLBACK_URL'));
            curl_setopt_array($curl, array(CURLOPT_RETURNTRANSFER => true, CURLOPT_POST => true,
                CURLOPT_POSTFIELDS => $body, CURLOPT_HTTPHEADER => $lines, CURLOPT_TIMEOUT => 10));
            curl_exec($curl);
            return curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        };
        $this->assertSame(401, $post(Webhook::headers(Webhook::newSecret(), 'msg_forged', $body)));
        $this->assertSame(401, $post(array('webhook-id' => 'msg_forged', 'webhook-timestamp' => (string) time(),
            'webhook-signature' => 'v1,' . base64_encode(str_repeat("\0", 32)))));
        $secret = getenv('VFBRIDGE_CALLBACK_SECRET');
        $this->assertSame(401, $post(Webhook::headers($secret, 'msg_stale', $body, time() - 600)));
        $this->assertSame($before, count($this->callbackCalls(1001)), 'localAPI was never called');

        $this->assertSame(200, $post(Webhook::headers($secret, 'msg_once', $body)));
        $this->assertSame($before + 1, count($this->callbackCalls(1001)));
        $this->assertSame(200, $post(Webhook::headers($secret, 'msg_once', $body)));
        $this->assertSame($before + 1, count($this->callbackCalls(1001)), 'a replay is not acted on');
    }
}
