<?php

/**
 * A scripted stand-in for vfbridge behind PHP's built-in web server: answers each
 * "METHOD /path" with the queued answers (the last one repeats) and records every request.
 */
final class FakeVfbridge
{
    private $dir;
    private $process;
    public $url;

    public function __construct()
    {
        $this->dir = sys_get_temp_dir() . '/vfbridge-fake-' . bin2hex(random_bytes(6));
        mkdir($this->dir);
        file_put_contents($this->dir . '/answers.json', '{}');
        $server = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($server, false);
        fclose($server);
        $port = (int) substr($name, strrpos($name, ':') + 1);
        $this->url = 'http://127.0.0.1:' . $port;
        $env = array_merge(getenv(), array('FAKE_VFBRIDGE_DIR' => $this->dir));
        $this->process = proc_open(array(PHP_BINARY, '-S', '127.0.0.1:' . $port, __DIR__ . '/fake-vfbridge-router.php'),
            array(array('file', '/dev/null', 'r'), array('file', $this->dir . '/out.log', 'a'),
                array('file', $this->dir . '/out.log', 'a')), $pipes, null, $env);
        for ($i = 0; $i < 100; $i++) {
            $socket = @fsockopen('127.0.0.1', $port, $errno, $error, 0.1);
            if ($socket) {
                fclose($socket);
                return;
            }
            usleep(50000);
        }
        throw new RuntimeException('the fake vfbridge did not start');
    }

    /** Queues answers for a request line, e.g. "GET /v1/me" => [[404, {...}]]. */
    public function answer($requestLine, array $answers)
    {
        $all = json_decode(file_get_contents($this->dir . '/answers.json'), true);
        $all[$requestLine] = $answers;
        file_put_contents($this->dir . '/answers.json', json_encode($all));
        @unlink($this->dir . '/served.json');
    }

    /** The requests received: method, path (with query), headers (lower-case), body. */
    public function requests()
    {
        $file = $this->dir . '/requests.jsonl';
        if (!is_file($file)) {
            return array();
        }
        return array_map(function ($line) {
            return json_decode($line, true);
        }, array_filter(explode("\n", file_get_contents($file))));
    }

    public function reset()
    {
        @unlink($this->dir . '/requests.jsonl');
        @unlink($this->dir . '/served.json');
        file_put_contents($this->dir . '/answers.json', '{}');
    }

    public function stop()
    {
        if (is_resource($this->process)) {
            proc_terminate($this->process);
            proc_close($this->process);
        }
        foreach (glob($this->dir . '/*') ?: array() as $file) {
            unlink($file);
        }
        @rmdir($this->dir);
    }
}
