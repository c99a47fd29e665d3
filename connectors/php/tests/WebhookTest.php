<?php

use PHPUnit\Framework\TestCase;
use Vfbridge\Webhook;
use Vfbridge\WebhookException;

/** Standard Webhooks signing and verification, with the specification's test vector. */
final class WebhookTest extends TestCase
{
    // the test vector published with the Standard Webhooks specification
    const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const TIMESTAMP = 1614265330;
    const BODY = '{"test": 2432232314}';
    const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

    private function headers($signature = self::SIGNATURE, $timestamp = self::TIMESTAMP)
    {
        return array('Webhook-Id' => self::ID, 'Webhook-Timestamp' => (string) $timestamp,
            'Webhook-Signature' => $signature);
    }

    public function testSignsTheSpecificationsVector()
    {
        $this->assertSame(self::SIGNATURE, Webhook::sign(self::SECRET, self::ID, (string) self::TIMESTAMP, self::BODY));
    }

    public function testVerifiesTheSpecificationsVector()
    {
        $message = Webhook::verify(self::SECRET, $this->headers(), self::BODY, self::TIMESTAMP + 10);
        $this->assertSame(array('id' => self::ID, 'timestamp' => self::TIMESTAMP), $message);
    }

    public function testAcceptsOneValidSignatureAmongSeveralAndAnySecretOfSeveral()
    {
        $headers = $this->headers('v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ' . self::SIGNATURE);
        $other = 'whsec_' . base64_encode(str_repeat('x', 32));
        $message = Webhook::verify(array($other, self::SECRET), $headers, self::BODY, self::TIMESTAMP);
        $this->assertSame(self::ID, $message['id']);
    }

    public function testRejectsAChangedBody()
    {
        $this->expectException(WebhookException::class);
        Webhook::verify(self::SECRET, $this->headers(), '{"test": 2432232315}', self::TIMESTAMP);
    }

    public function testRejectsAnotherSecret()
    {
        $this->expectException(WebhookException::class);
        Webhook::verify('whsec_' . base64_encode(str_repeat('y', 32)), $this->headers(), self::BODY, self::TIMESTAMP);
    }

    public function testRejectsATimestampMoreThanFiveMinutesOldOrAhead()
    {
        foreach (array(self::TIMESTAMP + 301, self::TIMESTAMP - 301) as $now) {
            try {
                Webhook::verify(self::SECRET, $this->headers(), self::BODY, $now);
                $this->fail('accepted a message signed 301 s away from now');
            } catch (WebhookException $e) {
                $this->assertStringContainsString('timestamp', $e->getMessage());
            }
        }
        Webhook::verify(self::SECRET, $this->headers(), self::BODY, self::TIMESTAMP + 300);
        $this->addToAssertionCount(1);
    }

    public function testRejectsMissingHeaders()
    {
        $this->expectException(WebhookException::class);
        Webhook::verify(self::SECRET, array('webhook-id' => self::ID), self::BODY, self::TIMESTAMP);
    }

    public function testHeadersRoundTripThroughVerify()
    {
        $secret = Webhook::newSecret();
        $headers = Webhook::headers($secret, 'op_1', '{"a":1}', 1700000000);
        $this->assertSame('op_1', Webhook::verify($secret, $headers, '{"a":1}', 1700000000)['id']);
    }
}
