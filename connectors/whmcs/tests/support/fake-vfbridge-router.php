<?php

// Router of FakeVfbridge under `php -S`: records the request, answers from answers.json.
$dir = getenv('FAKE_VFBRIDGE_DIR');
$method = $_SERVER['REQUEST_METHOD'];
$uri = $_SERVER['REQUEST_URI'];
$path = parse_url($uri, PHP_URL_PATH);
$headers = array_change_key_case(getallheaders(), CASE_LOWER);
file_put_contents($dir . '/requests.jsonl', json_encode(array('method' => $method, 'uri' => $uri,
    'headers' => $headers, 'body' => file_get_contents('php://input'))) . "\n", FILE_APPEND | LOCK_EX);
$answers = json_decode(file_get_contents($dir . '/answers.json'), true);
$served = is_file($dir . '/served.json') ? json_decode(file_get_contents($dir . '/served.json'), true) : array();
$line = $method . ' ' . $path;
if (!isset($answers[$line])) {
    http_response_code(404);
    header('Content-Type: application/problem+json');
    echo json_encode(array('status' => 404, 'title' => 'Not Found', 'detail' => 'no answer scripted for ' . $line));
    return true;
}
$n = isset($served[$line]) ? $served[$line] : 0;
$served[$line] = $n + 1;
file_put_contents($dir . '/served.json', json_encode($served));
$answer = $answers[$line][min($n, count($answers[$line]) - 1)];
http_response_code($answer[0]);
if (isset($answer[2])) {
    foreach ($answer[2] as $name => $value) {
        header($name . ': ' . $value);
    }
}
header('Content-Type: ' . ($answer[0] >= 400 ? 'application/problem+json' : 'application/json'));
echo json_encode($answer[1]);
return true;
