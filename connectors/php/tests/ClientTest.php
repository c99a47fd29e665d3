<?php

use PHPUnit\Framework\TestCase;
use Vfbridge\ApiException;
use Vfbridge\Client;

/** The client's transport: retries, idempotency keys, problem+json errors, paging. */
final class ClientTest extends TestCase
{
    /** @var array[] */
    private $requests = array();

    /** @var array[] */
    private $answers = array();

    /** @var float[] */
    private $pauses = array();

    private function client()
    {
        $test = $this;
        return new Client('http://vfbridge.test/', 'key-123', array(
            'transport' => function ($method, $url, array $headers, $body, $timeout) use ($test) {
                $test->requests[] = compact('method', 'url', 'headers', 'body', 'timeout');
                return array_shift($test->answers);
            },
            'sleep' => function ($seconds) use ($test) {
                $test->pauses[] = $seconds;
            },
        ));
    }

    public function testRetriesATransportFailureWithTheSameIdempotencyKey()
    {
        $this->answers = array(array(0, array(), '', 'connection reset'), array(503, array('Retry-After' => '2'), ''),
            array(202, array(), '{"operationId":"op-1","status":"queued"}'));
        $answer = $this->client()->suspendService('42');
        $this->assertSame('op-1', $answer['operationId']);
        $this->assertCount(3, $this->requests);
        $keys = array_unique(array_map(function ($r) {
            return $r['headers']['Idempotency-Key'];
        }, $this->requests));
        $this->assertCount(1, $keys);
        $this->assertSame(array(0.5, 2), $this->pauses);
        $this->assertSame('http://vfbridge.test/v1/services/42/suspend', $this->requests[0]['url']);
        $this->assertSame('Bearer key-123', $this->requests[0]['headers']['Authorization']);
        $this->assertSame(10, $this->requests[0]['timeout']);
    }

    public function testGivesUpAfterThreeTriesWithStatusZero()
    {
        $this->answers = array_fill(0, 5, array(0, array(), '', 'Connection refused'));
        try {
            $this->client()->createService(array('service' => array('id' => '1')));
            $this->fail('no exception');
        } catch (ApiException $e) {
            $this->assertSame(0, $e->getStatus());
            $this->assertStringContainsString('Connection refused', $e->getMessage());
        }
        $this->assertCount(3, $this->requests);
    }

    public function testMakesANewKeyForEachCommand()
    {
        $this->answers = array(array(202, array(), '{}'), array(202, array(), '{}'));
        $client = $this->client();
        $client->powerService('7', 'restart');
        $client->powerService('7', 'restart');
        $this->assertNotSame($this->requests[0]['headers']['Idempotency-Key'], $this->requests[1]['headers']['Idempotency-Key']);
        $this->assertSame('{"action":"restart"}', $this->requests[0]['body']);
    }

    public function testTurnsAProblemDocumentIntoOneExceptionWithoutRetrying()
    {
        $problem = '{"type":"https://vfbridge.io/problems/invalid-request","title":"Invalid request","status":400,'
            . '"detail":"data.service.packageId: must be greater than or equal to 1",'
            . '"errors":[{"field":"data.service.packageId","message":"must be greater than or equal to 1"}]}';
        $this->answers = array(array(400, array('Content-Type' => 'application/problem+json'), $problem));
        try {
            $this->client()->changePackage('9', array('packageId' => 0));
            $this->fail('no exception');
        } catch (ApiException $e) {
            $this->assertSame(400, $e->getStatus());
            $this->assertSame('invalid-request', $e->getProblemName());
            $this->assertSame('data.service.packageId: must be greater than or equal to 1', $e->getDetail());
            $this->assertSame('data.service.packageId', $e->getErrors()[0]['field']);
            $this->assertSame($e->getDetail(), $e->getMessage());
            $this->assertFalse($e->isRetryable());
        }
        $this->assertCount(1, $this->requests);
    }

    public function testReadsANonProblemErrorBodyLeniently()
    {
        $this->answers = array(array(404, array(), '<html>not found</html>'));
        try {
            $this->client()->service('1');
            $this->fail('no exception');
        } catch (ApiException $e) {
            $this->assertSame(404, $e->getStatus());
            $this->assertSame('HTTP 404', $e->getMessage());
            $this->assertSame('<html>not found</html>', $e->getRawBody());
        }
    }

    public function testFollowsUsageCursorsUntilNullAndToleratesAPageWithoutOne()
    {
        $this->answers = array(
            array(200, array(), '{"since":"x","services":[{"serviceId":"1"}],"nextCursor":"c1"}'),
            array(200, array(), '{"since":"x","services":[{"serviceId":"2"}],"nextCursor":null}'),
            array(200, array(), '{"since":"x","services":[{"serviceId":"3"}]}'),
        );
        $client = $this->client();
        $this->assertSame(array(array('serviceId' => '1'), array('serviceId' => '2')),
            $client->usageSince('2026-01-01T00:00:00Z', 5000));
        $this->assertSame('http://vfbridge.test/v1/usage?limit=1000&since=2026-01-01T00%3A00%3A00Z',
            $this->requests[0]['url']);
        $this->assertStringEndsWith('&cursor=c1', $this->requests[1]['url']);
        $this->assertSame(array(array('serviceId' => '3')), $client->usageSince());
    }

    public function testSendsASignedEventThatVerifies()
    {
        $this->answers = array(array(202, array(), '{"operationId":"o","status":"queued"}'));
        $secret = \Vfbridge\Webhook::newSecret();
        $this->client()->sendEvent($secret, 'service.suspend', array('service' => array('id' => '5')));
        $request = $this->requests[0];
        $this->assertArrayNotHasKey('Authorization', $request['headers']);
        $message = \Vfbridge\Webhook::verify($secret, $request['headers'], $request['body']);
        $this->assertStringStartsWith('msg_', $message['id']);
        $this->assertSame('service.suspend', json_decode($request['body'], true)['type']);
    }
}
