<?php

namespace Vfbridge;

/**
 * The one error of the client: vfbridge answered with an error (an RFC 9457 problem
 * document when it could), or did not answer at all (status 0).
 */
class ApiException extends \RuntimeException
{
    /** @var int */
    private $status;

    /** @var array */
    private $problem;

    /** @var string */
    private $rawBody;

    public function __construct($status, array $problem, $rawBody, $message = null)
    {
        $this->status = (int) $status;
        $this->problem = $problem;
        $this->rawBody = (string) $rawBody;
        parent::__construct($message !== null ? $message : self::describe($this->status, $problem));
    }

    /** An exception for an HTTP answer, reading a problem+json (or any JSON) body leniently. */
    public static function fromResponse($status, $body)
    {
        $decoded = json_decode((string) $body, true);
        return new self($status, is_array($decoded) ? $decoded : array(), $body);
    }

    /** An exception for a request that got no answer (refused, reset, timed out). */
    public static function noAnswer($reason)
    {
        return new self(0, array(), '', 'vfbridge did not answer: ' . $reason);
    }

    /** The HTTP status, 0 when vfbridge did not answer. */
    public function getStatus()
    {
        return $this->status;
    }

    /** The problem's type URI (e.g. ".../problems/service-not-found"), or null. */
    public function getType()
    {
        return isset($this->problem['type']) ? (string) $this->problem['type'] : null;
    }

    /** The last path segment of the problem type ("service-not-found"), or null. */
    public function getProblemName()
    {
        $type = $this->getType();
        if ($type === null || $type === '') {
            return null;
        }
        $parts = explode('/', rtrim($type, '/'));
        return end($parts);
    }

    public function getTitle()
    {
        return isset($this->problem['title']) ? (string) $this->problem['title'] : null;
    }

    /** The problem's detail: what vfbridge says went wrong, for a person. */
    public function getDetail()
    {
        return isset($this->problem['detail']) ? (string) $this->problem['detail'] : null;
    }

    /** The invalid fields, each {field, message}, when vfbridge named them. */
    public function getErrors()
    {
        return isset($this->problem['errors']) && is_array($this->problem['errors']) ? $this->problem['errors'] : array();
    }

    /** The whole parsed body. */
    public function getProblem()
    {
        return $this->problem;
    }

    public function getRawBody()
    {
        return $this->rawBody;
    }

    /** Whether trying again later may succeed: no answer, 429 or 5xx. */
    public function isRetryable()
    {
        return $this->status === 0 || $this->status === 429 || $this->status >= 500;
    }

    private static function describe($status, array $problem)
    {
        $text = isset($problem['detail']) ? (string) $problem['detail']
            : (isset($problem['title']) ? (string) $problem['title'] : 'HTTP ' . $status);
        $fields = array();
        if (isset($problem['errors']) && is_array($problem['errors'])) {
            foreach ($problem['errors'] as $error) {
                if (is_array($error) && isset($error['field'], $error['message'])
                    && strpos($text, (string) $error['field']) === false) {
                    $fields[] = $error['field'] . ' ' . $error['message'];
                }
            }
        }
        return $fields ? $text . ' (' . implode('; ', $fields) . ')' : $text;
    }
}
