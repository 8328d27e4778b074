"""The ``ipt-network`` command (DESIGN section 6): a contract that scripts and tests rely on.

Exit status: 0 done; 2 invalid input or unknown client/session (stderr says which file, record
and field); 1 anything else. Nothing is written when the status is not 0.
"""

from __future__ import annotations

import dataclasses
import json
from importlib.resources import files
from pathlib import Path

import click

from ipt_network import __version__
from ipt_network.errors import IPTNetworkError, NotFoundError, ValidationError
from ipt_network.model import scrub
from ipt_network.store import Store, default_db_url, demo_db_url
from ipt_network.store.backup import DAILY_KEPT

EXIT_INVALID = 2
EXIT_FAILED = 1


def say(text: str, *, err: bool = False) -> None:
    """Print ``text``; characters that could drive the terminal (escape codes, carriage returns,
    reversed runs), as in names stored before the text rule or in a refused file, are replaced."""
    click.echo("\n".join(scrub(line) for line in text.split("\n")), err=err)


class Command(click.Group):
    """Turns the package's errors into the documented exit statuses and one clear message."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (ValidationError, NotFoundError) as exc:
            say(f"error: {exc}", err=True)
            ctx.exit(EXIT_INVALID)
        except IPTNetworkError as exc:
            say(f"error: {exc}", err=True)
            ctx.exit(EXIT_FAILED)


def open_store(ctx: click.Context) -> Store:
    """The store named by ``--db`` (or the default), closed when the command ends."""
    store = Store.open(ctx.obj["db"])
    ctx.call_on_close(store.close)
    return store


@click.group(cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="URL", envvar="IPT_NETWORK_DB", default=None,
              help="Database: a SQLite path or URL, or a PostgreSQL URL. "
                   "Default: $IPT_NETWORK_DB, else a file in your user data folder.")
@click.version_option(__version__, prog_name="ipt-network")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """ipt-network: a client's relationships, session by session, for Interpersonal Psychotherapy."""
    ctx.obj = {"db": db or default_db_url()}


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite clients that already exist.")
@click.pass_context
def import_(ctx: click.Context, paths: tuple[Path, ...], replace: bool) -> None:
    """Import JSON files (version 1 or 2) or CSV bundles (folder or .zip); print the client ids.

    Every file is read and checked first; if any is refused, nothing is imported.
    """
    from ipt_network.formats import read_document

    documents = [read_document(path) for path in paths]
    open_store(ctx).import_documents(documents, replace=replace)
    for doc in documents:
        say(doc.client.id)


@main.command("clients")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def clients(ctx: click.Context, as_json: bool) -> None:
    """List the clients in the database."""
    summaries = open_store(ctx).list_clients()
    if as_json:
        say(json.dumps([dataclasses.asdict(s) for s in summaries], indent=2, ensure_ascii=False, default=str))
        return
    if not summaries:
        say("No clients yet. Import one with: ipt-network import FILE")
        return
    rows = [(s.id, s.label, str(s.session_count), s.last_session_date.isoformat() if s.last_session_date else "-")
            for s in summaries]
    header = ("ID", "LABEL", "SESSIONS", "LAST SESSION")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        say("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


EXPORT_FORMATS = ["json", "csv", "graphml", "png", "svg", "pdf", "md", "html"]
HIDE_NAMES_HELP = "Leave out names, the client's label and typed notes; people are shown by their role."


@main.command("export")
@click.argument("client_id", metavar="CLIENT")
@click.option("--format", "fmt", required=True, type=click.Choice(EXPORT_FORMATS),
              help="json or csv: the whole course; graphml: one session's network; png, svg or pdf: a picture "
                   "of one session; md or html: the session note.")
@click.option("--session", type=int, help="The session for graphml, pictures and notes (default: the latest).")
@click.option("--picture", type=click.Choice(["network", "mood"]), default="network", show_default=True,
              help="What png, svg and pdf show: the closeness circle, or mood over the course up to the session.")
@click.option("--hide-names", is_flag=True, help=HIDE_NAMES_HELP)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="Where to write.")
@click.pass_context
def export(ctx: click.Context, client_id: str, fmt: str, session: int | None, picture: str, hide_names: bool,
           output: Path) -> None:
    """Export a client: the course as JSON (version 2) or a CSV bundle (.zip or folder), or one session as
    GraphML, a picture or a session note."""
    from ipt_network import export as exports
    from ipt_network.formats import write_document
    from ipt_network.formats.atomic import write_atomic

    doc = open_store(ctx).load(client_id).document
    if fmt in ("json", "csv"):
        write_document(exports.prepared(doc, hide_names), output, fmt)
    elif fmt == "graphml":
        write_atomic(output, exports.data_file(doc, "graphml", number=session, hide_names=hide_names).content)
    elif fmt in ("md", "html"):
        write_atomic(output, exports.note_file(doc, fmt, number=session, hide_names=hide_names).content)
    else:
        write_atomic(output, exports.picture(doc, fmt, number=session, what=picture, hide_names=hide_names).content)
    say(str(output))


@main.command("report")
@click.argument("client_id", metavar="CLIENT")
@click.option("--session", type=int, help="The session (default: the latest).")
@click.option("--for", "audience", type=click.Choice(["therapist", "client"]), default="therapist",
              show_default=True,
              help="therapist: the session note for the record (safety signals, risk, findings, your notes); "
                   "client: the take-home page in the client's words (none of those).")
@click.option("--since", type=int, help="Also compare with this session (default: session 1 at the last session).")
@click.option("--scores", is_flag=True, help="Show mood scores on the client's page (they are left out by default).")
@click.option("--review", is_flag=True,
              help="The end-of-therapy review instead of a session note: the first and the last circles side by "
                   "side, every change, the mood course, goals and the relapse plan (for the therapist).")
@click.option("--inventory", is_flag=True,
              help="The printable interpersonal inventory instead of a session note: one entry per person, "
                   "unanswered questions left open to write in (for the therapist).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Page size of the PDF (and of the HTML when printed).")
@click.option("--hide-names", is_flag=True, help=HIDE_NAMES_HELP)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Where to write: a .pdf, .md or .html file.")
@click.pass_context
def report(ctx: click.Context, client_id: str, session: int | None, audience: str, since: int | None,
           scores: bool, review: bool, inventory: bool, paper: str, hide_names: bool, output: Path) -> None:
    """Write the therapist's session note, the client's take-home page, with --review the end-of-therapy
    review or with --inventory the interpersonal inventory sheet, as PDF, Markdown or self-contained HTML
    (by the suffix of -o)."""
    from ipt_network.export import inventory_file, note_file, review_file
    from ipt_network.formats.atomic import write_atomic

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "md", "html"):
        raise click.BadParameter(f"'{output.name}' must end in .pdf, .md or .html", param_hint="'-o'")
    if review and inventory:
        raise click.UsageError("choose one of --review and --inventory")
    if (review or inventory) and (audience != "therapist" or since is not None or scores):
        raise click.UsageError(f"--{'review' if review else 'inventory'} is for the therapist: it takes --session, "
                               "--paper and --hide-names, not --for client, --since or --scores")
    doc = open_store(ctx).load(client_id).document
    if review:
        made = review_file(doc, fmt, number=session, hide_names=hide_names, paper=paper)
    elif inventory:
        made = inventory_file(doc, fmt, number=session, hide_names=hide_names, paper=paper)
    else:
        made = note_file(doc, fmt, number=session, hide_names=hide_names, paper=paper, voice=audience, since=since,
                         show_scores=scores)
    write_atomic(output, made.content)
    say(str(output))


@main.command("metrics")
@click.argument("client_id", metavar="CLIENT")
@click.option("--session", type=int, help="Only this session.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of DESIGN section 6.")
@click.pass_context
def metrics(ctx: click.Context, client_id: str, session: int | None, as_json: bool) -> None:
    """The measures, isolation flags, conflict hotspots, mood and mood linkage of a client."""
    from ipt_network.overview import course_overview, format_overview

    document = open_store(ctx).load(client_id).document
    overview = course_overview(document, session)
    say(json.dumps(overview, indent=2, ensure_ascii=False) if as_json else format_overview(overview, document))



SAMPLES = files("ipt_network.samples")
"""The synthetic sample clients: the top-level ``data/samples/`` of the repository, installed as the
package ``ipt_network.samples`` (setup.py)."""


def server_options(command):
    """The options of every command that serves the dashboard."""
    options = [
        click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on."),
        click.option("--port", default=8050, show_default=True, type=int,
                     help="Port to listen on (0: any free port)."),
        click.option("--token", envvar="IPT_NETWORK_TOKEN", default=None,
                     help="The token that opens the dashboard. Default: $IPT_NETWORK_TOKEN, else a new "
                          "random one each launch."),
        click.option("--allow-host", "allowed_hosts", multiple=True, envvar="IPT_NETWORK_ALLOW_HOST",
                     metavar="NAME", help="Also answer to this host name (besides 127.0.0.1, localhost and [::1]); "
                                          "repeat for more."),
        click.option("--no-browser", is_flag=True, help="Do not open the dashboard in the browser."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def serve_app(db_url: str, host: str, port: int, token: str | None, allowed_hosts: tuple[str, ...],
              no_browser: bool, daily_backups: int = 0) -> None:
    """Run the dashboard until Ctrl+C; only this machine can reach it unless ``host`` says otherwise."""
    from ipt_network.ui.door import new_token
    from ipt_network.ui.server import serve

    serve(db_url, host=host, port=port, token=token or new_token(), allowed_hosts=allowed_hosts,
          open_browser=not no_browser, daily_backups=daily_backups, say=say)


@main.command("serve")
@server_options
@click.option("--keep-backups", default=DAILY_KEPT, show_default=True, type=click.IntRange(min=1),
              help="How many daily backups to keep in the backups folder beside the database.")
@click.option("--no-backup", is_flag=True, help="Do not make the daily backup.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, token: str | None, allowed_hosts: tuple[str, ...],
          no_browser: bool, keep_backups: int, no_backup: bool) -> None:
    """Start the dashboard and open it in the browser (this machine only, by default).

    It prints the address to open: it carries a token, and only a browser that brought it gets in.
    Once a day (at start, before an upgrade touches the database, and after midnight) a backup is
    made in the backups folder beside the database, unless --no-backup.
    """
    serve_app(ctx.obj["db"], host, port, token, allowed_hosts, no_browser, 0 if no_backup else keep_backups)


@main.command("demo")
@server_options
@click.option("--no-serve", is_flag=True, help="Only load the sample clients, then stop.")
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, token: str | None, allowed_hosts: tuple[str, ...],
         no_browser: bool, no_serve: bool) -> None:
    """Load the synthetic sample clients (resetting them if present), then serve.

    Without --db this uses a separate demo database, never your real one.
    """
    from ipt_network.formats import read_document

    if ctx.parent.params["db"] is None:
        ctx.obj["db"] = demo_db_url()
    documents = [read_document(path) for path in sorted(SAMPLES.iterdir(), key=lambda p: p.name)
                 if path.name.endswith(".json")]
    store = open_store(ctx)
    store.import_documents(documents, replace=True)
    say(f"Demo database: {ctx.obj['db']}")
    for summary in store.list_clients():
        say(f"  {summary.id}  {summary.label}  ({summary.session_count} sessions)")
    if not no_serve:
        serve_app(ctx.obj["db"], host, port, token, allowed_hosts, no_browser)


@main.command("backup")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the copy. Default: a dated file in the backups folder beside the database.")
@click.pass_context
def backup(ctx: click.Context, output: Path | None) -> None:
    """Copy the database, safely while the dashboard runs, and check the copy; print where it is."""
    from ipt_network.store.backup import backup as back_up

    say(str(back_up(ctx.obj["db"], output)))


@main.command("restore")
@click.argument("source", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def restore(ctx: click.Context, source: Path) -> None:
    """Replace the database with a backup (stop the dashboard first).

    The file must be an intact ipt-network database; a backup from an older version is brought up
    to date. The database it replaces is kept in the backups folder first.
    """
    from ipt_network.store.backup import restore as restore_from

    kept = restore_from(ctx.obj["db"], source)
    if kept:
        say(f"The database as it was before: {kept}")
    say(f"Restored {source}")
