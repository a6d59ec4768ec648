import subprocess
import sys


def test_pytest_plugin_option(pytester):
    pytester.runpytest("-p", "no:cacheprovider")
    subprocess.run([sys.executable, "-m", "pytest", "-p", "xdist"], check=False)


def test_ssh_client():
    subprocess.run(["ssh", "-p", "2222", "localhost", "true"], check=False)


def test_psql_client():
    subprocess.run(["psql", "-h", "localhost", "-p", "5432", "-c", "select 1"], check=False)


def test_free_port(unused_tcp_port):
    subprocess.run(["uvicorn", "app:app", "--port", str(unused_tcp_port)], timeout=1)
