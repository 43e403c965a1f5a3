"""The supervisor's export screen: a batch onto a stick that HQ accepts, failures, receipts, roles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fieldreg.hq import Registry, build_report, import_batch
from fieldreg.keys import HqDir
from fieldreg.station.drives import Volume
from fieldreg.station.session import Session
from fieldreg.ui.screens.export import ExportScreen
from fieldreg.validation import parse_household
from tests.conftest import household, make_user
from tests.qt.conftest import context_for

TIMEOUT = 20_000
# Showing any window with a layout on the offscreen platform prints this (harmless) warning.


def open_screen(qtbot, session: Session) -> ExportScreen:  # type: ignore[no-untyped-def]
    screen = ExportScreen(context_for(session))
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    return screen


def supervisor_with(post: Session, households: int) -> Session:
    supervisor = make_user(post, "sara", "supervisor")
    for _ in range(households):
        supervisor.households.register(parse_household(household()))
    return supervisor


def click_and_wait(qtbot, screen: ExportScreen, button, notice) -> str:  # type: ignore[no-untyped-def]
    """Click ``button`` and wait for the outcome ``notice`` it ends with; return its text."""
    assert button.isEnabled()
    notice.clear_notice()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: notice.kind != "", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not screen.busy, timeout=TIMEOUT)
    return notice.text()


def test_supervisor_exports_a_batch_that_hq_import_accepts(qtbot, post: Session, hq: HqDir,  # type: ignore[no-untyped-def]
                                                           usb: Path) -> None:
    supervisor = supervisor_with(post, 3)
    screen = open_screen(qtbot, supervisor)
    assert not screen.export_button.isEnabled()  # no destination yet
    screen.destination.choose_folder(usb)
    assert str(usb) in screen.destination.target_label.text()

    text = click_and_wait(qtbot, screen, screen.export_button, screen.result)
    assert screen.result.kind == "success", text
    assert text.startswith("Batch 1 written and checked: ")
    assert "3 registrations" in text and "TGR1-000001.frb" in text and str(usb) in text
    assert "\n" not in text
    (batch,) = supervisor.batches.list()
    assert batch.status == "exported" and f"{batch.records} records" in text
    assert screen.batches.batch_table.rowCount() == 1
    assert "not yet received by HQ" in screen.batches.batch_table.item(0, 3).text()

    # HQ imports the file from the stick, with the right count, and writes a receipt there.
    with Registry.open(hq) as registry:
        result = import_batch(hq, registry, usb / "TGR1-000001.frb", receipts_dir=usb)
        assert result.status == "imported", result.line()
        assert (result.post, result.seq, result.records) == ("TGR1", 1, batch.records)
        totals = build_report(registry).totals
    assert totals.households_active == 3 and totals.registrations == 3 and totals.batches == 1

    # The receipt brought back to the post marks the batch as received.
    screen.batches.load_receipt_file(usb / "receipt-TGR1.cose")
    assert screen.batches.batches_result.kind == "success", screen.batches.batches_result.text()
    assert "batch 1 received by HQ" in screen.batches.batches_result.text()
    assert "Received by HQ on" in screen.batches.batch_table.item(0, 3).text()
    assert [b.status for b in supervisor.batches.list()] == ["acknowledged"]

    # Nothing new: said plainly, nothing written.
    text = click_and_wait(qtbot, screen, screen.export_button, screen.result)
    assert screen.result.kind == "info" and text.startswith("Nothing new to export")
    assert sorted(p.name for p in usb.iterdir()) == ["TGR1-000001.frb", "receipt-TGR1.cose"]


def test_a_vanished_folder_fails_in_one_line_and_marks_nothing(qtbot, post: Session, usb: Path,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    supervisor = supervisor_with(post, 2)
    screen = open_screen(qtbot, supervisor)
    gone = tmp_path / "stick-pulled-out"
    gone.mkdir()
    screen.destination.choose_folder(gone)
    gone.rmdir()  # the stick is pulled out before the export starts

    text = click_and_wait(qtbot, screen, screen.export_button, screen.result)
    assert screen.result.kind == "failure"
    assert text.startswith("Not written: cannot write to ") and "does not exist" in text
    assert "\n" not in text
    assert [b.status for b in supervisor.batches.list()] == ["prepared"]  # not marked exported
    assert not gone.exists()
    assert "Not yet written" in screen.batches.batch_table.item(0, 3).text()
    screen.batches.choose_batch(1)
    assert not screen.batches.again_button.isEnabled()  # a prepared batch is exported, not re-written

    # Run again onto a real stick: the very same batch is written and only now marked.
    screen.destination.choose_folder(usb)
    text = click_and_wait(qtbot, screen, screen.export_button, screen.result)
    assert screen.result.kind == "success", text
    assert "An earlier export of this batch had not finished" in text
    assert [b.status for b in supervisor.batches.list()] == ["exported"]


def test_write_an_exported_batch_again(qtbot, post: Session, usb: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, supervisor_with(post, 1))
    screen.destination.choose_folder(usb)
    click_and_wait(qtbot, screen, screen.export_button, screen.result)
    second = tmp_path / "second-stick"
    second.mkdir()
    screen.destination.choose_folder(second)
    screen.batches.choose_batch(1)
    text = click_and_wait(qtbot, screen, screen.batches.again_button, screen.batches.batches_result)
    assert screen.batches.batches_result.kind == "success", text
    assert text.startswith("Batch 1 written again and checked")
    assert (second / "TGR1-000001.frb").read_bytes() == (usb / "TGR1-000001.frb").read_bytes()


def test_sticks_are_offered_by_name_with_free_space(qtbot, post: Session, usb: Path) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, supervisor_with(post, 1))
    stick = Volume(str(usb), name="KINGSTON", fs_type="vfat", bytes_free=7 * 1024 ** 3)
    screen.destination.list_volumes = lambda: [Volume("/", fs_type="ext4", is_root=True), stick]
    screen.destination.find_drives = lambda volumes: [v for v in volumes if not v.is_root]
    screen.destination.refresh_drives()
    assert screen.destination.drive_list.count() == 1 and screen.destination.no_drives.isHidden()
    item = screen.destination.drive_list.item(0).text()
    assert item.startswith("KINGSTON — 7") and item.endswith(" free")

    screen.destination.choose_drive(str(usb))
    assert "USB stick “KINGSTON”" in screen.destination.target_label.text()
    text = click_and_wait(qtbot, screen, screen.export_button, screen.result)
    assert text.endswith("You may now remove the stick.")
    assert "on the USB stick “KINGSTON”" in text

    screen.destination.list_volumes = list  # the stick is pulled out: it is no longer the destination
    screen.destination.refresh_drives()
    assert screen.destination.drive_list.count() == 0 and not screen.destination.no_drives.isHidden()
    assert screen.destination.target_label.text() == "Destination: none chosen yet."
    assert not screen.export_button.isEnabled()


def test_the_real_volume_list_offers_no_system_volume(qtbot, post: Session) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, supervisor_with(post, 0))
    assert all(screen.destination.drive_list.item(i).data(Qt.ItemDataRole.UserRole) != "/"
               for i in range(screen.destination.drive_list.count()))


def test_a_bad_receipt_is_refused_in_one_line(qtbot, post: Session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = open_screen(qtbot, supervisor_with(post, 0))
    bogus = tmp_path / "receipt-TGR1.cose"
    bogus.write_bytes(b"not a receipt")
    screen.batches.load_receipt_file(bogus)
    assert screen.batches.batches_result.kind == "failure"
    assert screen.batches.batches_result.text().startswith("Receipt not loaded: ")
    assert "\n" not in screen.batches.batches_result.text()
    screen.batches.load_receipt_file(tmp_path / "missing.cose")
    assert screen.batches.batches_result.kind == "failure"
    assert screen.batches.batches_result.text().startswith("Cannot read ")


def test_an_officer_cannot_export(qtbot, post: Session, usb: Path) -> None:  # type: ignore[no-untyped-def]
    officer = make_user(post, "ali", "officer")
    officer.households.register(parse_household(household()))
    screen = open_screen(qtbot, officer)
    assert screen.refused.isVisible()
    assert not screen.export_button.isEnabled() and not screen.batches.receipt_button.isEnabled()
    screen.destination.choose_folder(usb)
    assert screen.export_now() is None
    assert list(usb.iterdir()) == []
    assert post.batches.list() == []
