<?php

use PHPUnit\Framework\TestCase;
use Vfbridge\Webhook;
use VfbridgeWhmcs\CallbackHandler;
use VfbridgeWhmcs\ReplayStore;

/** callback.php's handler: signature, timestamp and replay checks, and what reaches localAPI. */
final class CallbackHandlerTest extends TestCase
{
    const NOW = 1800000000;

    private $secret;
    private $dir;
    private $calls = array();
    private $answer = array('result' => 'success');

    protected function setUp(): void
    {
        $this->secret = Webhook::newSecret();
        $this->dir = sys_get_temp_dir() . '/vfbridge-ids-' . bin2hex(random_bytes(6));
    }

    protected function tearDown(): void
    {
        foreach (glob($this->dir . '/*') ?: array() as $file) {
            unlink($file);
        }
        @rmdir($this->dir);
    }

    private function handler()
    {
        $test = $this;
        return new CallbackHandler(array($this->secret), function ($command, array $values) use ($test) {
            $test->calls[] = array($command, $values);
            return $test->answer;
        }, new ReplayStore($this->dir), function () {
            return CallbackHandlerTest::NOW;
        });
    }

    private function body($type, array $operation)
    {
        return json_encode(array('type' => $type, 'timestamp' => '2027-01-15T08:00:00Z', 'data' => $operation));
    }

    private function created()
    {
        return $this->body('operation.succeeded', array('operationId' => 'o-1', 'type' => 'service.create',
            'status' => 'succeeded', 'serviceId' => '42', 'result' => array('serverId' => 3,
                'ipv4' => array('198.51.100.10'), 'ipv6' => array(), 'rootPassword' => 'pw-1')));
    }

    public function testWritesACreatedServersAddressAndPassword()
    {
        $body = $this->created();
        $answer = $this->handler()->handle(Webhook::headers($this->secret, 'op_o-1', $body, self::NOW), $body);
        $this->assertSame(200, $answer[0]);
        $this->assertSame(array(array('UpdateClientProduct', array('dedicatedip' => '198.51.100.10', 'assignedips' => '',
            'serviceusername' => 'root', 'servicepassword' => 'pw-1', 'serviceid' => 42))), $this->calls);
    }

    public function testRejectsAForgedSignatureWithoutCallingWhmcs()
    {
        $body = $this->created();
        $headers = Webhook::headers(Webhook::newSecret(), 'op_o-1', $body, self::NOW);
        $this->assertSame(401, $this->handler()->handle($headers, $body)[0]);
        $signed = Webhook::headers($this->secret, 'op_o-1', $body, self::NOW);
        $this->assertSame(401, $this->handler()->handle($signed, str_replace('pw-1', 'pw-2', $body))[0]);
        $this->assertSame(array(), $this->calls);
    }

    public function testRejectsAStaleTimestamp()
    {
        $body = $this->created();
        $answer = $this->handler()->handle(Webhook::headers($this->secret, 'op_o-1', $body, self::NOW - 301), $body);
        $this->assertSame(401, $answer[0]);
        $this->assertSame(array(), $this->calls);
    }

    public function testActsOnAMessageIdOnce()
    {
        $body = $this->created();
        $headers = Webhook::headers($this->secret, 'op_o-1', $body, self::NOW);
        $this->handler()->handle($headers, $body);
        $this->assertSame(array(200, array('result' => 'duplicate')), $this->handler()->handle($headers, $body));
        $this->assertCount(1, $this->calls);
    }

    public function testAsksAgainWhenWhmcsFailedSoTheRetryIsNotAReplay()
    {
        $body = $this->created();
        $headers = Webhook::headers($this->secret, 'op_o-1', $body, self::NOW);
        $this->answer = array('result' => 'error', 'message' => 'Service ID Not Found');
        $this->assertSame(500, $this->handler()->handle($headers, $body)[0]);
        $this->answer = array('result' => 'success');
        $this->assertSame(array(200, array('result' => 'updated')), $this->handler()->handle($headers, $body));
    }

    public function testOpensAToDoForAFailure()
    {
        $body = $this->body('operation.needs_attention', array('operationId' => 'o-2', 'type' => 'service.create',
            'status' => 'needs_attention', 'serviceId' => '42', 'lastError' => 'the email is taken by VirtFusion user 8'));
        $this->handler()->handle(Webhook::headers($this->secret, 'op_o-2', $body, self::NOW), $body);
        $this->assertSame(array('AddToDo', 'LogActivity'), array_column($this->calls, 0));
        $this->assertSame('vfbridge: service.create of service #42 needs_attention', $this->calls[0][1]['title']);
        $this->assertStringContainsString('the email is taken by VirtFusion user 8', $this->calls[0][1]['description']);
    }

    public function testTakesSecretsFromTheModulesServerRecordsAndTheModuleSetting()
    {
        WhmcsShim::reset();
        \WHMCS\Database\Capsule::$rows['tblservers'] = array(
            array('type' => 'vfbridge', 'accesshash' => ' whsec_AAAA '),
            array('type' => 'vfbridge', 'accesshash' => 'an-api-key-in-the-hash'),
            array('type' => 'cpanel', 'accesshash' => 'whsec_BBBB'),
        );
        $this->assertSame(array('whsec_CCCC', 'whsec_AAAA'),
            \VfbridgeWhmcs\CallbackEndpoint::secrets(array('callback_secrets' => array('whsec_CCCC'))));
    }

    public function testIgnoresServicesThatAreNotWhmcsServices()
    {
        $body = $this->body('operation.succeeded', array('operationId' => 'o-3', 'type' => 'service.suspend',
            'status' => 'succeeded', 'serviceId' => 'shop-88', 'result' => array('serverId' => 1)));
        $answer = $this->handler()->handle(Webhook::headers($this->secret, 'op_o-3', $body, self::NOW), $body);
        $this->assertSame(200, $answer[0]);
        $this->assertSame(array(), $this->calls);
    }
}
