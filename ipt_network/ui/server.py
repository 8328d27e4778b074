"""Serving the dashboard on this machine: waitress, the door's address, the browser, daily backups.

waitress is a production WSGI server in pure Python (every platform a therapist may use), so
``ipt-network serve`` never runs Flask's development server.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import webbrowser
from collections.abc import Callable, Iterable

import waitress

from ipt_network.errors import StorageError
from ipt_network.store.backup import daily_backup, database_file, is_file_database
from ipt_network.ui.app import create_app

ANY_ADDRESS = frozenset({"0.0.0.0", "::", ""})
BACKUP_CHECK_S = 3600
"""How often a long-running server looks whether today's backup is still to be made."""


def threads_for_machine() -> int:
    """Worker threads: four per core, at least 8, at most 32. A page opening asks for about fifteen
    scripts and stylesheets, then sends several callbacks at once; files are mostly waiting on the
    disk and the socket, and callbacks share one interpreter, so more threads than that only queue."""
    return max(8, min(32, 4 * (os.cpu_count() or 1)))


def serve(db_url: str, *, host: str, port: int, token: str, allowed_hosts: Iterable[str] = (),
          open_browser: bool = True, daily_backups: int = 0, say: Callable[[str], None] = print) -> None:
    """Serve until Ctrl+C (or SIGTERM); ``daily_backups`` > 0 keeps that many daily backups.

    Today's backup is made before the app opens the database, so before the migrations of an
    upgrade: a bad upgrade costs nothing that the backup does not hold.
    """
    backing_up = daily_backups > 0 and is_file_database(db_url)
    if daily_backups > 0 and not backing_up:
        say("No daily backup: back a PostgreSQL database up with pg_dump.")
    if backing_up:
        back_up_today(db_url, daily_backups, say)
    names = [*allowed_hosts, *([] if host in ANY_ADDRESS else [f"[{host}]" if ":" in host else host])]
    app = create_app(db_url, token=token, allowed_hosts=names)
    server = waitress.create_server(app.server, host=host, port=port, threads=threads_for_machine(),
                                    ident="ipt-network")
    shown = "127.0.0.1" if host in ANY_ADDRESS else (f"[{host}]" if ":" in host else host)
    address = f"http://{shown}:{server.effective_port}/?token={token}"
    say(f"ipt-network is running at {address}  (Ctrl+C to stop)")
    stop = threading.Event()
    if backing_up:
        threading.Thread(target=keep_daily_backups, args=(db_url, daily_backups, stop, say), daemon=True,
                         name="daily-backup").start()
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by a service manager: close cleanly too
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        stop.set()
        server.close()
        say("ipt-network stopped.")


def back_up_today(db_url: str, keep: int, say: Callable[[str], None]) -> None:
    """Today's backup, unless it exists or there is no database yet; a failure is said, not raised."""
    try:
        if database_file(db_url).exists():
            made = daily_backup(db_url, keep=keep)
            if made:
                say(f"Today's backup: {made}")
    except StorageError as error:
        say(f"Today's backup failed: {error}")


def keep_daily_backups(db_url: str, keep: int, stop: threading.Event, say: Callable[[str], None]) -> None:
    """For as long as the server runs: once an hour, today's backup if the day has changed."""
    while not stop.wait(BACKUP_CHECK_S):
        back_up_today(db_url, keep, say)
