"""gunicorn settings for the fault test: the project's own, plus a server that dies with the test.

fault.py starts gunicorn in a process group of its own, so that one kill -9 takes master and workers.
That also takes the server out of the reach of whatever stops the test: a test run's timeout kills
fault.py, and a server left behind would keep its port and its database. So on Linux the master asks
the kernel for SIGKILL when fault.py dies (prctl PR_SET_PDEATHSIG), and each worker the same when the
master dies. fault.py names itself in FAULT_TEST_PARENT; without it (another use of this file) the
master is left as it is.
"""

import os
import signal
import sys

from sahabat import gunicorn_conf as project
from sahabat.gunicorn_conf import *  # noqa: F403 (every setting the project serves with)

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when `parent` (the process that started it) dies; at once if it already has."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    # The parent may have died between the fork and the prctl call: then nobody would send the signal.
    if os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)


if os.environ.get("FAULT_TEST_PARENT"):
    die_with_parent(int(os.environ["FAULT_TEST_PARENT"]))


def post_fork(server, worker):
    if hasattr(project, "post_fork"):
        project.post_fork(server, worker)
    die_with_parent(server.pid)
