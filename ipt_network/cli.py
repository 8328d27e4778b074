"""The ``ipt-network`` command (DESIGN section 6): a contract that scripts and tests rely on.

Exit status: 0 done; 2 invalid input or unknown client/session (stderr says which file, record
and field); 1 anything else. Nothing is written when the status is not 0.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from ipt_network import __version__
from ipt_network.errors import IPTNetworkError, NotFoundError, ValidationError
from ipt_network.store import Store, default_db_url, demo_db_url

EXIT_INVALID = 2
EXIT_FAILED = 1


class Command(click.Group):
    """Turns the package's errors into the documented exit statuses and one clear message."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (ValidationError, NotFoundError) as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_INVALID)
        except IPTNetworkError as exc:
            click.echo(f"error: {exc}", err=True)
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
    """Import JSON v1 files or CSV bundles (folder or .zip); print the client ids.

    Every file is read and checked first; if any is refused, nothing is imported.
    """
    from ipt_network.formats import read_document

    documents = [read_document(path) for path in paths]
    open_store(ctx).import_documents(documents, replace=replace)
    for doc in documents:
        click.echo(doc.client.id)


@main.command("clients")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def clients(ctx: click.Context, as_json: bool) -> None:
    """List the clients in the database."""
    summaries = open_store(ctx).list_clients()
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(s) for s in summaries], indent=2, ensure_ascii=False, default=str))
        return
    if not summaries:
        click.echo("No clients yet. Import one with: ipt-network import FILE")
        return
    rows = [(s.id, s.label, str(s.session_count), s.last_session_date.isoformat() if s.last_session_date else "-")
            for s in summaries]
    header = ("ID", "LABEL", "SESSIONS", "LAST SESSION")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


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
    """Export a client: the course as JSON v1 or a CSV bundle (.zip or folder), or one session as
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
    click.echo(str(output))


@main.command("report")
@click.argument("client_id", metavar="CLIENT")
@click.option("--session", type=int, help="The session (default: the latest).")
@click.option("--for", "audience", type=click.Choice(["therapist", "client"]), default="therapist",
              show_default=True,
              help="therapist: the session note for the record (safety signals, risk, findings, your notes); "
                   "client: the take-home page in the client's words (none of those).")
@click.option("--since", type=int, help="Also compare with this session (default: session 1 at the last session).")
@click.option("--scores", is_flag=True, help="Show mood scores on the client's page (they are left out by default).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Page size of the PDF (and of the HTML when printed).")
@click.option("--hide-names", is_flag=True, help=HIDE_NAMES_HELP)
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Where to write: a .pdf, .md or .html file.")
@click.pass_context
def report(ctx: click.Context, client_id: str, session: int | None, audience: str, since: int | None,
           scores: bool, paper: str, hide_names: bool, output: Path) -> None:
    """Write the therapist's session note, or the client's take-home page, as PDF, Markdown or self-contained
    HTML (by the suffix of -o)."""
    from ipt_network.export import note_file
    from ipt_network.formats.atomic import write_atomic

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "md", "html"):
        raise click.BadParameter(f"'{output.name}' must end in .pdf, .md or .html", param_hint="'-o'")
    doc = open_store(ctx).load(client_id).document
    write_atomic(output, note_file(doc, fmt, number=session, hide_names=hide_names, paper=paper, voice=audience,
                                   since=since, show_scores=scores).content)
    click.echo(str(output))


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
    click.echo(json.dumps(overview, indent=2, ensure_ascii=False) if as_json else format_overview(overview, document))



SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def serve_app(db_url: str, host: str, port: int) -> None:
    """Run the dashboard; only this machine can reach it unless ``host`` says otherwise."""
    from ipt_network.ui import create_app

    shown = "localhost" if host in ("127.0.0.1", "localhost") else host
    click.echo(f"ipt-network is running at http://{shown}:{port}/  (Ctrl+C to stop)")
    create_app(db_url).run(host=host, port=port, debug=False, dev_tools_disable_version_check=True)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8050, show_default=True, type=int, help="Port to listen on.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Start the dashboard in your browser's reach (this machine only, by default)."""
    open_store(ctx)  # fail early, with a clear message, if the database cannot be opened
    serve_app(ctx.obj["db"], host, port)


@main.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8050, show_default=True, type=int, help="Port to listen on.")
@click.option("--no-serve", is_flag=True, help="Only load the sample clients, then stop.")
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, no_serve: bool) -> None:
    """Load the synthetic sample clients (resetting them if present), then serve.

    Without --db this uses a separate demo database, never your real one.
    """
    from ipt_network.formats import read_document

    if ctx.parent.params["db"] is None:
        ctx.obj["db"] = demo_db_url()
    documents = [read_document(path) for path in sorted(SAMPLES.glob("*.json"))]
    store = open_store(ctx)
    store.import_documents(documents, replace=True)
    click.echo(f"Demo database: {ctx.obj['db']}")
    for summary in store.list_clients():
        click.echo(f"  {summary.id}  {summary.label}  ({summary.session_count} sessions)")
    if not no_serve:
        serve_app(ctx.obj["db"], host, port)
