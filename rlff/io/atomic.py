"""Files and folders written whole or not at all.

A single file goes through a temporary sibling and one rename (:func:`atomic_write_bytes`).
A folder of files (a dataset, a set of images) is written into a sibling temporary
folder and swapped in (:func:`atomic_folder`)::

    .DIR.tmp-XXXX   being written (deleted by the next run if a crash left it)
    .DIR.new-XXXX   complete: renamed from .tmp- once every file is written
    DIR -> .DIR.old-XXXX, .DIR.new-XXXX -> DIR, then .DIR.old-XXXX is removed

A crash between those renames is repaired by :func:`recover_folder` on the next run (or
the next read): a missing ``DIR`` gets the complete new folder if there is one, else the
old one back. Writers of one folder are serialised by a lock file ``.DIR.lock`` next to it
(removed when the writer is done).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:  # POSIX: a real lock that the kernel drops when its holder dies (even by SIGKILL)
    import fcntl
except ImportError:  # pragma: no cover - Windows: an O_EXCL lock file instead
    fcntl = None  # type: ignore[assignment]

# How long a writer waits for another writer of the same folder before giving up.
LOCK_WAIT_SECONDS = 60.0
# Entries of DIR that RLFF did not write are carried over into the new folder (hard links,
# so they cost no space); a folder holding more than this is not RLFF's to replace.
MAX_FOREIGN_ENTRIES = 200

_TMP, _NEW, _OLD = ".tmp-", ".new-", ".old-"


class FolderBusy(OSError):
    """Another process is writing the same folder (the lock was not free in time)."""


class FolderRefused(OSError):
    """The target cannot be replaced whole (the current folder, a mount point, someone else's folder)."""


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # mkstemp makes the file private (0600); give it the mode any new file would get.
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_target(target: str | os.PathLike[str]) -> Path:
    """The folder ``target`` names, resolved, or an error that says why it cannot be written.

    Raises:
        FolderRefused: for an empty name, a path that is a file, FIFO or device, the current
            folder or one of its parents, or a mount point.
    """
    if not str(target).strip():
        raise FolderRefused(errno.EINVAL, "the folder name is empty; name a folder, e.g. --out mydata")
    path = Path(target).expanduser()
    if path.is_symlink() and path.resolve().is_dir():
        path = path.resolve()
    path = path.absolute()
    if path.exists() and not path.is_dir():
        what = "a file" if path.is_file() else "not a folder (a device, FIFO or socket)"
        raise FolderRefused(errno.ENOTDIR, f"{_shown(path)} is {what}; name a folder")
    cwd = Path.cwd().absolute()
    if path == cwd or path in cwd.parents or path.parent == path:
        raise FolderRefused(
            errno.EBUSY, f"{_shown(path)} is the current folder or one of its parents; name a subfolder, e.g. ./mydata"
        )
    if path.is_dir() and os.path.ismount(path):
        raise FolderRefused(errno.EBUSY, f"{_shown(path)} is a mount point; name a subfolder of it")
    return path


def _shown(path: Path) -> str:
    from rlff.io.names import safe_name  # here: names is a tiny module, atomic must stay import-light

    return safe_name(str(path), width=120)


@contextlib.contextmanager
def folder_lock(target: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold ``.<name>.lock`` next to ``target`` for the duration (waits up to ``wait`` seconds).

    Raises:
        FolderBusy: when another writer kept the lock longer than ``wait``.
    """
    lock = target.parent / f".{target.name}.lock"
    deadline = time.monotonic() + wait
    if fcntl is not None:
        fd = _flock(lock, deadline, target)
        try:
            yield
        finally:
            # Removed while still held: a waiter that opened this file sees it was unlinked
            # (its inode no longer at the path) and opens the path again.
            Path(lock).unlink(missing_ok=True)
            os.close(fd)
        return
    while True:  # pragma: no cover - Windows
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise FolderBusy(
                    errno.EBUSY, f"another rlff command is writing {_shown(target)} (or {lock} was left by a crash)"
                ) from None
            time.sleep(0.05)
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        yield
    finally:
        Path(lock).unlink(missing_ok=True)


def _flock(lock: Path, deadline: float, target: Path) -> int:
    """An open descriptor of ``lock`` holding its exclusive flock, the file still at its path."""
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666 & ~_UMASK)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise FolderBusy(errno.EBUSY, f"another rlff command is writing {_shown(target)}") from None
                    time.sleep(0.05)
            try:
                if os.stat(lock).st_ino == os.fstat(fd).st_ino:
                    return fd
            except FileNotFoundError:
                pass
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed the file as we waited: lock the one at the path now


def write_file(path: Path, data: bytes) -> None:
    """Write a new file of a staging folder (created, never overwritten)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~_UMASK)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _leftovers(target: Path, tag: str) -> list[Path]:
    prefix = f".{target.name}{tag}"
    try:
        return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix))
    except OSError:
        return []


def recover_folder(target: str | os.PathLike[str]) -> None:
    """Repair what a crashed writer of ``target`` left: finish or undo a swap, drop temporaries.

    Safe to call when nothing needs repair (it then only lists the parent folder). Call it
    with the folder's lock held, or where no writer can be running.
    """
    target = Path(target).absolute()
    new, old = _leftovers(target, _NEW), _leftovers(target, _OLD)
    if not target.exists():
        if new:  # killed between "DIR -> old" and "new -> DIR": the new folder was complete
            os.rename(new.pop(), target)
        elif old:  # no complete new folder: put the old one back
            os.rename(old.pop(), target)
    for leftover in [*_leftovers(target, _TMP), *new, *old]:
        shutil.rmtree(leftover, ignore_errors=True)
    if target.is_dir():  # per-file temporaries (atomic_write_bytes) of a killed writer
        for part in target.glob(".*.part"):
            part.unlink(missing_ok=True)


def _carry_over(old: Path, new: Path, written: set[str]) -> None:
    """Entries of the old folder that this write did not produce, linked (or copied) into the new one."""
    foreign = [p for p in old.iterdir() if p.name not in written and not p.name.endswith(".part")]
    if len(foreign) > MAX_FOREIGN_ENTRIES:
        raise FolderRefused(
            errno.ENOTEMPTY,
            f"{_shown(old)} holds {len(foreign)} other files; RLFF replaces its folder whole: name a folder of its own",
        )
    for entry in foreign:
        dest = new / entry.name
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, dest, symlinks=True, copy_function=_link_or_copy)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry), dest)
        else:
            _link_or_copy(str(entry), str(dest))


def _refuse_shadowed(folder: Path, written: set[str]) -> None:
    """Refuse to replace a folder (or a device) that sits where a file of this write goes."""
    for name in sorted(written):
        entry = folder / name
        if entry.exists() and not entry.is_file():
            raise FolderRefused(
                errno.EISDIR, f"{_shown(entry)} is a folder, not a file; move it away and run the command again"
            )


def _link_or_copy(src: str, dst: str) -> str:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
    return dst


@contextlib.contextmanager
def atomic_folder(target: str | os.PathLike[str], *, wait: float = LOCK_WAIT_SECONDS) -> Iterator[Path]:
    """Yield an empty temporary folder; on a clean exit it replaces ``target`` whole.

    Files of ``target`` that the caller did not write again are kept (linked into the new
    folder). On any error, or if the process dies, ``target`` keeps its earlier content.

    Raises:
        FolderRefused: when ``target`` cannot be replaced (see :func:`check_target`).
        FolderBusy: when another writer holds the folder longer than ``wait`` seconds.
        OSError: when writing fails (disk full, permissions); nothing is changed then.
    """
    path = check_target(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(path, wait):
        recover_folder(path)
        staging = Path(tempfile.mkdtemp(prefix=f".{path.name}{_TMP}", dir=path.parent))
        try:
            yield staging
            os.chmod(staging, 0o777 & ~_UMASK)
            if path.is_dir():
                written = {p.name for p in staging.iterdir()}
                _refuse_shadowed(path, written)
                _carry_over(path, staging, written)
            ready = staging.with_name(staging.name.replace(_TMP, _NEW, 1))
            os.rename(staging, ready)  # the commit point: from here on, recovery rolls forward
            staging = ready
            if path.is_dir():
                old = staging.with_name(staging.name.replace(_NEW, _OLD, 1))
                os.rename(path, old)
                try:
                    os.rename(staging, path)
                except BaseException:
                    os.rename(old, path)  # put the earlier folder back before giving up
                    raise
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.rename(staging, path)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
