<?php

namespace Vfbridge;

/**
 * Standard Webhooks signing and verification (https://www.standardwebhooks.com/):
 * HMAC-SHA256 over "<id>.<timestamp>.<body>" with the base64 part of a whsec_ secret,
 * sent as "v1,<base64>" in webhook-signature; a timestamp within a tolerance either way.
 */
final class Webhook
{
    /** Seconds a timestamp may be away from now, either way. */
    const DEFAULT_TOLERANCE = 300;

    /** The webhook-signature value ("v1,<base64>") for a message. */
    public static function sign($secret, $id, $timestamp, $body)
    {
        $mac = hash_hmac('sha256', $id . '.' . $timestamp . '.' . $body, self::key($secret), true);
        return 'v1,' . base64_encode($mac);
    }

    /** The three Standard Webhooks headers for a message sent now (or at $timestamp). */
    public static function headers($secret, $id, $body, $timestamp = null)
    {
        $timestamp = $timestamp === null ? time() : (int) $timestamp;
        return array(
            'webhook-id' => $id,
            'webhook-timestamp' => (string) $timestamp,
            'webhook-signature' => self::sign($secret, $id, (string) $timestamp, $body),
        );
    }

    /**
     * Checks a received message against one or more secrets.
     *
     * @param string|string[] $secrets whsec_ secrets; one matching signature is enough
     * @param array $headers the request headers (names in any case)
     * @param string $body the raw body, exactly as received
     * @param int|null $now Unix seconds, the current time when null
     * @return array{id: string, timestamp: int} the verified message's id and timestamp
     * @throws WebhookException when it must not be acted on
     */
    public static function verify($secrets, array $headers, $body, $now = null, $tolerance = self::DEFAULT_TOLERANCE)
    {
        $headers = array_change_key_case($headers, CASE_LOWER);
        $id = isset($headers['webhook-id']) ? trim((string) $headers['webhook-id']) : '';
        $timestamp = isset($headers['webhook-timestamp']) ? trim((string) $headers['webhook-timestamp']) : '';
        $signatures = isset($headers['webhook-signature']) ? trim((string) $headers['webhook-signature']) : '';
        if ($id === '' || $timestamp === '' || $signatures === '') {
            throw new WebhookException('missing webhook-id, webhook-timestamp or webhook-signature');
        }
        if (!preg_match('/^[0-9]{1,12}$/', $timestamp)) {
            throw new WebhookException('webhook-timestamp is not Unix seconds');
        }
        $now = $now === null ? time() : (int) $now;
        if (abs($now - (int) $timestamp) > $tolerance) {
            throw new WebhookException('webhook-timestamp is too far from now');
        }
        $secrets = is_array($secrets) ? $secrets : array($secrets);
        $secrets = array_filter($secrets, function ($secret) {
            return is_string($secret) && $secret !== '';
        });
        if (!$secrets) {
            throw new WebhookException('no secret is configured to verify the signature');
        }
        foreach ($secrets as $secret) {
            $expected = self::sign($secret, $id, $timestamp, $body);
            foreach (preg_split('/\s+/', $signatures) as $candidate) {
                if (hash_equals($expected, $candidate)) {
                    return array('id' => $id, 'timestamp' => (int) $timestamp);
                }
            }
        }
        throw new WebhookException('no valid signature');
    }

    /** A new secret, whsec_ and 32 random bytes in base64. */
    public static function newSecret()
    {
        return 'whsec_' . base64_encode(random_bytes(32));
    }

    private static function key($secret)
    {
        $secret = (string) $secret;
        if (strpos($secret, 'whsec_') === 0) {
            $secret = substr($secret, 6);
        }
        $key = base64_decode($secret, true);
        if ($key === false || $key === '') {
            throw new WebhookException('the secret is not whsec_<base64>');
        }
        return $key;
    }
}
