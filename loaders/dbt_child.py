"""dbt's command line in a child process started before its command is known.

`keji build` runs dbt in a child process (loaders/cli.py, `_run_dbt`). Importing dbt
costs ~1.6 s of CPU before dbt does anything, and an incremental build of a large
warehouse spends its first seconds checking the corpus and copying the published file,
on one core each, not both busy all the time. So the child is started at once, imports
dbt while the corpus is checked, and then waits for one line on its stdin: the command
(arguments, environment, folder) as JSON. Where nothing is to be built (the corpus was
found current) it is killed unused; an empty stdin also ends it.

The command then runs as dbt's own command line would run it (`dbtRunner`, dbt's entry
point for programs, on the same click command), and the exit status is the command
line's: 0 on success, 1 when models or tests failed, 2 when dbt could not run.
"""
from __future__ import annotations

import json
import os
import sys


def main() -> int:
    from dbt.cli.main import dbtRunner

    line = sys.stdin.readline()
    if not line.strip():
        return 0
    request = json.loads(line)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    result = dbtRunner().invoke(request["args"])
    if result.success:
        return 0
    if result.exception is None:
        return 1
    # dbt reports the errors of a command it ran; the command line's usage errors are
    # click's to print, which `dbtRunner` leaves to its caller
    from dbt.cli.exceptions import DbtInternalException, DbtUsageException

    if isinstance(result.exception, (DbtUsageException, DbtInternalException)):
        print(f"dbt: {result.exception}", file=sys.stderr, flush=True)
    return 2
