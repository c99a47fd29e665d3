<?php

namespace VfbridgeWhmcs;

/**
 * The webhook ids already acted on, kept for as long as their timestamp could still pass
 * the tolerance check: one small file per id in a private directory.
 */
class ReplayStore
{
    /** @var string */
    private $directory;

    /** @var int */
    private $keepSeconds;

    public function __construct($directory, $keepSeconds = 900)
    {
        $this->directory = rtrim($directory, '/');
        $this->keepSeconds = $keepSeconds;
    }

    /** Whether the id was already acted on. */
    public function seen($id)
    {
        return is_file($this->path($id));
    }

    /** Records the id as acted on, and forgets ids too old to be replayed. */
    public function remember($id, $now)
    {
        if (!is_dir($this->directory) && !@mkdir($this->directory, 0700, true) && !is_dir($this->directory)) {
            throw new \RuntimeException('cannot create the webhook id store ' . $this->directory);
        }
        file_put_contents($this->path($id), (string) $now, LOCK_EX);
        if (mt_rand(1, 20) === 1) {
            foreach (glob($this->directory . '/*.id') ?: array() as $file) {
                if (@filemtime($file) < $now - $this->keepSeconds) {
                    @unlink($file);
                }
            }
        }
    }

    private function path($id)
    {
        return $this->directory . '/' . hash('sha256', $id) . '.id';
    }
}
