<?php

use PHPUnit\Framework\TestCase;
use VfbridgeWhmcs\Module;

/**
 * The module's WHMCS contract against a scripted vfbridge: the requests each function
 * sends and what it returns to WHMCS.
 */
final class ModuleContractTest extends TestCase
{
    /** @var FakeVfbridge */
    private static $fake;

    public static function setUpBeforeClass(): void
    {
        self::$fake = new FakeVfbridge();
    }

    public static function tearDownAfterClass(): void
    {
        self::$fake->stop();
    }

    protected function setUp(): void
    {
        WhmcsShim::reset();
        self::$fake->reset();
    }

    private function params(array $overrides = array())
    {
        return Params::forService(501, 77, self::$fake->url, 'fake-api-key-0001', $overrides);
    }

    private function lastRequest()
    {
        $requests = self::$fake->requests();
        return end($requests);
    }

    public function testDeclaresMetaDataAndTheSixSettingsInOrder()
    {
        $meta = vfbridge_MetaData();
        $this->assertTrue($meta['RequiresServer']);
        $this->assertSame('1.1', $meta['APIVersion']);
        $names = array_keys(vfbridge_ConfigOptions());
        $this->assertSame(array('vfbridge plan', 'Package ID', 'Hypervisor Group ID', 'Default OS Template ID',
            'IPv4 addresses', 'VirtFusion panel'), array_slice($names, 0, 6));
        foreach (array('Package ID', 'Hypervisor Group ID', 'Default OS Template ID') as $name) {
            $this->assertTrue(function_exists(vfbridge_ConfigOptions()[$name]['Loader']), $name);
        }
        foreach (array_merge(vfbridge_AdminCustomButtonArray(), vfbridge_ClientAreaCustomButtonArray()) as $function) {
            $this->assertTrue(function_exists('vfbridge_' . $function), $function);
        }
    }

    public function testCreatesWithConfigurableOptionsOverTheProductsSettings()
    {
        self::$fake->answer('POST /v1/services', array(array(202, array('operationId' => 'op-c', 'status' => 'queued'))));
        $params = $this->params(array(
            'configoption1' => 'vps-small',
            'configoption5' => '1',
            'configoption6' => 'eu',
            'configoption7' => '0',
            'configoptions' => array('Operating System' => '5|Ubuntu 24.04', 'Location|Where' => '2|Amsterdam', 'IPv4' => 2),
            'customfields' => array('SSH Key' => 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE ada@laptop'),
        ));
        $this->assertSame('success', vfbridge_CreateAccount($params));
        $request = $this->lastRequest();
        $this->assertSame('POST', $request['method']);
        $this->assertSame('/v1/services', $request['uri']);
        $this->assertSame('Bearer fake-api-key-0001', $request['headers']['authorization']);
        $this->assertNotEmpty($request['headers']['idempotency-key']);
        $this->assertSame(array(
            'customer' => array('id' => '77', 'email' => 'ada77@example.com', 'name' => 'Ada Lovelace'),
            'service' => array('id' => '501', 'plan' => 'vps-small', 'packageId' => 1, 'hypervisorGroupId' => 2,
                'osTemplateId' => 5, 'ipv4' => 2, 'hostname' => 'vps501.example.com',
                'sshKeys' => array('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE ada@laptop'), 'panel' => 'eu'),
        ), json_decode($request['body'], true));
    }

    public function testRefusesToCreateWithoutPlanOrPackageAndSendsNothing()
    {
        $result = vfbridge_CreateAccount($this->params(array('configoption2' => '', 'configoption3' => '')));
        $this->assertStringContainsString('vfbridge plan', $result);
        $this->assertSame(array(), self::$fake->requests());
    }

    public function testShowsTheProblemDetailOfA4xx()
    {
        self::$fake->answer('POST /v1/services/501/change-package', array(array(404, array(
            'type' => 'https://vfbridge.io/problems/service-not-found', 'title' => 'Service not found',
            'status' => 404, 'detail' => 'vfbridge knows no service 501'))));
        $this->assertSame('vfbridge: vfbridge knows no service 501', vfbridge_ChangePackage($this->params()));
        $this->assertCount(1, self::$fake->requests());
    }

    public function testWritesTheResultOfACreateThatFinishedWhileWaiting()
    {
        self::$fake->answer('POST /v1/services', array(array(202, array('operationId' => 'op-w', 'status' => 'queued'))));
        self::$fake->answer('GET /v1/operations/op-w', array(
            array(200, array('operationId' => 'op-w', 'status' => 'running')),
            array(200, array('operationId' => 'op-w', 'status' => 'succeeded', 'result' => array(
                'serverId' => 9, 'ipv4' => array('203.0.113.5', '203.0.113.6'), 'ipv6' => array('2001:db8::5'),
                'rootPassword' => 'S3cret-root-pw')))));
        $this->assertSame('success', vfbridge_CreateAccount($this->params()));
        $this->assertSame(array(array('command' => 'UpdateClientProduct', 'values' => array(
            'dedicatedip' => '203.0.113.5', 'assignedips' => "203.0.113.6\n2001:db8::5",
            'serviceusername' => 'root', 'servicepassword' => 'S3cret-root-pw', 'serviceid' => 501))), WhmcsShim::$localApi);
        foreach (WhmcsShim::$moduleLog as $entry) {
            $this->assertStringNotContainsString('S3cret-root-pw', $entry['request'] . $entry['response']);
            $this->assertContains('fake-api-key-0001', $entry['replaceVars']);
            $this->assertContains('whmcs-generated-Pa55', $entry['replaceVars']);
        }
    }

    public function testReportsACreateThatFailedWhileWaiting()
    {
        self::$fake->answer('POST /v1/services', array(array(202, array('operationId' => 'op-f', 'status' => 'queued'))));
        self::$fake->answer('GET /v1/operations/op-f', array(array(200, array('operationId' => 'op-f',
            'status' => 'failed', 'lastError' => 'VirtFusion said 422: package 99 does not exist'))));
        $this->assertSame('vfbridge: failed: VirtFusion said 422: package 99 does not exist',
            vfbridge_CreateAccount($this->params()));
        $this->assertSame(array(), WhmcsShim::$localApi);
    }

    public function testLinksAnExistingServerByTheCustomField()
    {
        $this->assertStringContainsString('VirtFusion Server ID', vfbridge_linkServer($this->params()));
        self::$fake->answer('POST /v1/services/501/import', array(array(202, array('operationId' => 'op-i', 'status' => 'queued'))));
        self::$fake->answer('GET /v1/operations/op-i', array(array(200, array('operationId' => 'op-i',
            'status' => 'succeeded', 'result' => array('serverId' => 314, 'ipv4' => array('198.51.100.7'))))));
        $params = $this->params(array('customfields' => array('VirtFusion Server ID' => ' 314 '), 'configoption6' => 'eu'));
        $this->assertSame('success', vfbridge_linkServer($params));
        $import = self::$fake->requests()[0];
        $this->assertSame('/v1/services/501/import', $import['uri']);
        $this->assertSame(array('customer' => array('id' => '77', 'email' => 'ada77@example.com', 'name' => 'Ada Lovelace'),
            'server' => array('id' => 314), 'panel' => 'eu'), json_decode($import['body'], true));
        $this->assertSame('198.51.100.7', WhmcsShim::calls('UpdateClientProduct')[0]['values']['dedicatedip']);
    }

    public function testRetriesTheNewestFailedOperationAndExplainsAMissingRole()
    {
        self::$fake->answer('GET /v1/services/501/operations', array(array(200, array(
            array('operationId' => 'op-new', 'status' => 'succeeded', 'createdAt' => '2027-01-02T00:00:00Z'),
            array('operationId' => 'op-dead', 'status' => 'dead', 'createdAt' => '2027-01-01T00:00:00Z'),
            array('operationId' => 'op-old', 'status' => 'failed', 'createdAt' => '2026-12-01T00:00:00Z')))));
        self::$fake->answer('POST /v1/operations/op-dead/retry', array(
            array(202, array('operationId' => 'op-dead', 'status' => 'queued')),
            array(403, array('status' => 403, 'title' => 'Forbidden', 'detail' => 'needs the operator role'))));
        $this->assertSame('success', vfbridge_retryOperation($this->params()));
        $this->assertStringContainsString('operator role', vfbridge_retryOperation($this->params()));
        $this->assertSame('/v1/operations/op-dead/retry', self::$fake->requests()[1]['uri']);
    }

    public function testTestsTheConnectionWithMeAndItsRolesAndPanels()
    {
        self::$fake->answer('GET /v1/me', array(array(200, array('key' => 'whmcs', 'roles' => array('billing', 'storefront'),
            'panels' => array(array('name' => 'default', 'default' => true, 'reachable' => true))))));
        $this->assertSame(array('success' => true, 'error' => ''), vfbridge_TestConnection($this->params()));

        self::$fake->answer('GET /v1/me', array(array(200, array('key' => 'whmcs', 'roles' => array('billing'),
            'panels' => array(array('name' => 'default', 'default' => true, 'reachable' => true))))));
        $this->assertStringContainsString('lacks the role(s) storefront', vfbridge_TestConnection($this->params())['error']);

        self::$fake->answer('GET /v1/me', array(array(200, array('key' => 'whmcs', 'roles' => array('billing', 'storefront'),
            'panels' => array(array('name' => 'default', 'default' => true, 'reachable' => false))))));
        $this->assertStringContainsString('cannot reach its VirtFusion panel "default"',
            vfbridge_TestConnection($this->params())['error']);

        $this->assertStringContainsString('no VirtFusion panel "eu"',
            vfbridge_TestConnection($this->params(array('configoption6' => 'eu')))['error']);
    }

    public function testFallsBackToTheCatalogueWithoutMe()
    {
        self::$fake->answer('GET /v1/catalog/packages', array(array(200, array(array('id' => 1, 'name' => 'VPS Small')))));
        $this->assertSame(array('success' => true, 'error' => ''), vfbridge_TestConnection($this->params()));
        $notes = array_filter(WhmcsShim::$moduleLog, function ($entry) {
            return strpos($entry['response'], 'has no GET /v1/me') !== false;
        });
        $this->assertCount(1, $notes, 'the module log says the catalogue stood in for /v1/me');
        self::$fake->answer('GET /v1/catalog/packages', array(array(401, array('status' => 401, 'title' => 'Unauthorized'))));
        $this->assertStringContainsString('refused the API key', vfbridge_TestConnection($this->params())['error']);
    }

    public function testLoadsDropdownsFromTheCatalogue()
    {
        self::$fake->answer('GET /v1/catalog/packages', array(array(200, array(array('id' => 1, 'name' => 'VPS Small'),
            array('id' => 2, 'name' => 'VPS Medium')))));
        self::$fake->answer('GET /v1/catalog/locations', array(array(200, array(array('id' => 1, 'name' => 'London')))));
        self::$fake->answer('GET /v1/catalog/packages/2/templates', array(array(200, array(array('name' => 'Debian',
            'templates' => array(array('id' => 1, 'name' => 'Debian', 'version' => '12')))))));
        $this->assertSame(array(1 => 'VPS Small (#1)', 2 => 'VPS Medium (#2)'), vfbridge_PackageLoader($this->params()));
        $this->assertSame(array(1 => 'London (#1)'), vfbridge_LocationLoader($this->params()));
        $this->assertSame(array(1 => 'Debian 12 (#1)'), vfbridge_TemplateLoader($this->params(array('configoption2' => '2'))));
        self::$fake->answer('GET /v1/catalog/packages', array(array(503, array('status' => 503, 'detail' => 'down'))));
        try {
            vfbridge_PackageLoader($this->params());
            $this->fail('a loader must throw so WHMCS falls back to a text field');
        } catch (\Vfbridge\ApiException $e) {
            $this->assertSame(503, $e->getStatus());
        }
    }

    public function testImportsUsageFromEveryPageIntoTheServersServices()
    {
        $period = array('totalBytes' => 5 * 1048576, 'limitGb' => 1000, 'diskCapacityBytes' => 25 * 1073741824,
            'diskUsedBytes' => 3 * 1048576);
        self::$fake->answer('GET /v1/usage', array(
            array(200, array('since' => 'x', 'services' => array(array('serviceId' => '501', 'periods' => array($period))),
                'nextCursor' => 'page2')),
            array(200, array('since' => 'x', 'services' => array(array('serviceId' => 'not-whmcs', 'periods' => array($period)),
                array('serviceId' => '502', 'periods' => array($period))), 'nextCursor' => null))));
        $this->assertSame('success', vfbridge_UsageUpdate($this->params()));
        $this->assertSame(array(501, 502), array_map(function ($u) {
            return $u['where']['id'];
        }, \WHMCS\Database\Capsule::$updates));
        $values = \WHMCS\Database\Capsule::$updates[0]['values'];
        $this->assertSame(array(3, 25600, 5, 1024000), array($values['diskusage'], $values['disklimit'],
            $values['bwusage'], $values['bwlimit']));
        $this->assertSame('/v1/usage?limit=1000&cursor=page2', self::$fake->requests()[1]['uri']);
    }

    public function testBuildsTheAddressFromTheServerRecord()
    {
        $this->assertSame('https://vfbridge.example.com:8443', Module::baseUrl(array('serverhostname' => 'vfbridge.example.com',
            'serverport' => '8443', 'serversecure' => 'on')));
        $this->assertSame('http://10.0.0.5', Module::baseUrl(array('serverhostname' => '', 'serverip' => '10.0.0.5',
            'serversecure' => false)));
        $this->assertSame('key-in-hash', Module::apiKey(array('serverpassword' => '', 'serveraccesshash' => 'key-in-hash')));
        $this->assertSame('', Module::apiKey(array('serverpassword' => '', 'serveraccesshash' => 'whsec_abc')));
    }

    public function testTheVendoredClientIsTheClient()
    {
        $source = __DIR__ . '/../../php/src';
        $vendored = __DIR__ . '/../modules/servers/vfbridge/lib/Vfbridge';
        $names = array_map('basename', glob($source . '/*.php'));
        $this->assertSame($names, array_map('basename', glob($vendored . '/*.php')));
        foreach ($names as $name) {
            $this->assertFileEquals($source . '/' . $name, $vendored . '/' . $name, 'run connectors/build.sh');
        }
    }
}
