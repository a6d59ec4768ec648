import subprocess
import sys

PORT = 8200


def test_http_server_module(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "http.server", "8000"], cwd=tmp_path)  # expect: FXL302:67
    proc.terminate()
    proc.wait()


def test_port_option():
    proc = subprocess.Popen(["uvicorn", "app:app", "--port", str(PORT)])  # expect: FXL302:62
    proc.terminate()
    proc.wait()


def test_port_equals():
    subprocess.run(["redis-server", "--port=6380", "--daemonize", "no"], timeout=1)  # expect: FXL302:37


def test_bind_option():
    subprocess.run("gunicorn -b 127.0.0.1:8001 app:app", shell=True, timeout=1)  # expect: FXL302:20


def test_docker_publish():
    subprocess.run(["docker", "run", "-p", "5432:5432", "postgres"], check=True)  # expect: FXL302:44


def test_fstring():
    subprocess.run([sys.executable, "-m", "myapp", f"--http-port={PORT}"], check=True)  # expect: FXL302:52


def test_short_option_of_a_server_script(tmp_path):
    subprocess.run([sys.executable, "tests/server.py", "-p", "8765"], timeout=1)  # expect: FXL302:62
