"""Files through the official client: upload, sendFile, file info, download, limits, progress."""

from __future__ import annotations

import asyncio

import pytest
from trueconf import Dispatcher, Router
from trueconf.enums import ParseMode
from trueconf.exceptions import ApiErrorException, InvalidFileExtensionError
from trueconf.methods import UploadFile
from trueconf.types import BufferedInputFile
from trueconf.types.requests.uploading_progress import UploadingProgress

from migrator.emulator import EmulatorConfig
from tests.emulator.support import BotFactory, close_bots, open_bots, running

ATTACHMENT, TEXT = 202, 200
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


async def _code(call: object) -> int:
    with pytest.raises(ApiErrorException) as caught:
        await call  # type: ignore[misc]
    return caught.value.code


async def test_send_document_with_caption_and_reply(bots: BotFactory) -> None:
    alice = await bots("alice")
    bob = await bots("bob")
    chat_id = (await alice.create_group_chat("Files")).chat_id
    await alice.add_participant_to_chat(chat_id, "bob")
    question = await alice.send_message(chat_id, "Where is the report?")
    document = BufferedInputFile(PDF, file_name="отчёт 2025.pdf", mime_type="application/pdf")

    sent = await alice.send_document(
        chat_id,
        document,
        caption="<b>Annual</b> report",
        parse_mode=ParseMode.HTML,
        reply_message_id=question.message_id,
    )

    history = (await bob.get_chat_history(chat_id, 10)).messages
    caption, attachment = history[0], history[1]
    assert (attachment.message_id, attachment.type) == (sent.message_id, ATTACHMENT)
    assert attachment.reply_message_id == question.message_id
    content = attachment.content
    assert (content.file_name, content.file_size, content.mime_type, content.file_id) == (
        "отчёт 2025.pdf",
        len(PDF),
        "application/pdf",
        sent.file_id,
    )
    assert (caption.message_id, caption.type) == (sent.caption_message_id, TEXT)
    assert (caption.content.text, caption.content.parse_mode) == ("<b>Annual</b> report", "html")
    assert await bob.download_file_by_id(sent.file_id) == PDF


async def test_send_photo_keeps_its_preview(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Photos")).chat_id
    photo = BufferedInputFile(b"\x89PNG" + b"p" * 500, file_name="pic.png", mime_type="image/png")
    preview = BufferedInputFile(b"RIFFwebp" + b"v" * 50, file_name="pic.webp")
    sent = await alice.send_photo(chat_id, photo, preview)

    info = await alice.get_file_info(sent.file_id)
    assert (info.name, info.size, info.mimetype, int(info.ready_state)) == (
        "pic.png",
        504,
        "image/png",
        2,
    )
    assert info.previews is not None
    assert (info.previews[0].size, info.previews[0].mimetype) == (58, "image/webp")
    assert await alice.download_file_by_id(sent.file_id) == b"\x89PNG" + b"p" * 500


async def test_send_sticker_is_stored_as_a_sticker(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Stickers")).chat_id
    sticker = BufferedInputFile(b"RIFF....WEBPVP8 " + b"s" * 64, file_name="s.webp")
    sent = await alice.send_sticker(chat_id, sticker)
    message = (await alice.get_chat_history(chat_id, 1)).messages[0]
    assert message.content.mime_type == "sticker/webp"
    assert message.sticker is not None
    assert (await alice.get_file_info(sent.file_id)).previews is not None


async def test_file_info_needs_access_to_the_chat(bots: BotFactory) -> None:
    alice = await bots("alice")
    carol = await bots("carol")
    chat_id = (await alice.create_group_chat("Private files")).chat_id
    sent = await alice.send_document(chat_id, BufferedInputFile(PDF, file_name="a.pdf"))
    assert await _code(carol.get_file_info(sent.file_id)) == 308
    assert await _code(alice.get_file_info("missing")) == 308


async def test_send_file_needs_a_temporal_file_of_ones_own(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Files")).chat_id
    from trueconf.methods import SendFile

    call = SendFile(chat_id=chat_id, temporal_file_id="forged", text=None, parse_mode="text")
    assert await _code(alice(call)) == 308


async def test_upload_limits_are_pushed_and_answered(bots: BotFactory) -> None:
    alice = await bots("alice")
    limits = await alice.get_file_info_upload_limits()
    assert limits.max_size == 100 * 1024 * 1024
    assert limits.extensions is not None
    assert "exe" in limits.extensions.list
    # The pushed event configured the client's own checks right after auth.
    assert alice.max_file_size == 100 * 1024 * 1024
    chat_id = (await alice.create_group_chat("Limits")).chat_id
    with pytest.raises(InvalidFileExtensionError):
        await alice.send_document(chat_id, BufferedInputFile(b"MZ", file_name="setup.exe"))
    assert await _code(alice(UploadFile(file_size=2, file_name="setup.exe"))) == 310


async def test_files_over_the_size_limit_are_refused_by_the_server() -> None:
    async with running(EmulatorConfig(max_file_size=1000)) as emu:
        make, started = await open_bots(emu)
        try:
            alice = await make("alice")
            assert await _code(alice(UploadFile(file_size=1001, file_name="big.bin"))) == 310
            assert (await alice(UploadFile(file_size=1000, file_name="ok.bin"))).upload_task_id
        finally:
            await close_bots(started)


async def test_file_progress_subscription_reports_the_complete_size(bots: BotFactory) -> None:
    progress: asyncio.Queue[UploadingProgress] = asyncio.Queue()
    router = Router()

    @router.uploading_progress()
    async def on_progress(event: UploadingProgress) -> None:
        await progress.put(event)

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    alice = await bots("alice", dispatcher=dispatcher)
    chat_id = (await alice.create_group_chat("Progress")).chat_id
    sent = await alice.send_document(chat_id, BufferedInputFile(PDF, file_name="a.pdf"))

    assert (await alice.subscribe_file_progress(sent.file_id)).result is True
    event = await asyncio.wait_for(progress.get(), 5)
    assert (event.file_id, event.progress) == (sent.file_id, len(PDF))
    assert (await alice.unsubscribe_file_progress(sent.file_id)).result is True


async def test_multi_megabyte_file_round_trips(bots: BotFactory) -> None:
    alice = await bots("alice")
    chat_id = (await alice.create_group_chat("Big")).chat_id
    data = bytes(range(256)) * (6 * 4096)  # 6 MiB
    sent = await alice.send_document(chat_id, BufferedInputFile(data, file_name="big.bin"))
    assert await alice.download_file_by_id(sent.file_id) == data


async def test_a_forwarded_file_is_readable_in_the_target_chat(bots: BotFactory) -> None:
    alice = await bots("alice")
    bob = await bots("bob")
    source = (await alice.create_group_chat("Source")).chat_id
    target = (await alice.create_group_chat("Target")).chat_id
    await alice.add_participant_to_chat(target, "bob")
    sent = await alice.send_document(source, BufferedInputFile(PDF, file_name="a.pdf"))
    await alice.forward_message(target, sent.message_id)
    forwarded = (await bob.get_chat_history(target, 1)).messages[0]
    assert forwarded.content.content.file_id == sent.file_id
    assert await bob.download_file_by_id(sent.file_id) == PDF
