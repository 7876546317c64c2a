"""The home form's choices, kept from the last start, so the next start can
show the form in its first frame instead of after the bank is read.

Keyed like the bank cache: the app's version and code, and the size and times
of the taxonomy, every question file and every plan file, so editing any of
them (or upgrading) makes the next start build the form afresh. Stored as
plain values with marshal (nothing in it can run code); a missing, stale or
unreadable file is simply not used.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interview.bank.locations import active_bank_dir, plan_dirs, taxonomy_path_for, yaml_files
from interview.bank.stamps import Signature, signature
from interview.config import cache_dir
from interview.workspace import FormChoices, HomeForm

if TYPE_CHECKING:
    from interview.bank.plan_types import Plan

_FORMAT = 3  # bump when the stored shape changes


def read(bank_dir: Path | None, plans_dir: Path | None) -> HomeForm | None:
    """The form as the last start built it, if nothing it came from has
    changed since; else None."""
    fields = _stored(bank_dir, plans_dir)
    try:
        return None if fields is None else HomeForm(
            **{**fields, "plans": [_plan(p) for p in fields["plans"]]})
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def read_choices(bank_dir: Path | None, plans_dir: Path | None) -> FormChoices | None:
    """The form's roles, levels, competencies and kinds alone, as `read`
    has them: for the first frame, which shows no plans (building them
    imports the plan types, 1.7 ms it need not wait for)."""
    fields = _stored(bank_dir, plans_dir)
    try:
        return None if fields is None else (
            dict(fields["roles"]), dict(fields["levels"]),
            dict(fields["competencies"]), dict(fields["kinds"]))
    except (ValueError, TypeError, KeyError):
        return None


def _stored(bank_dir: Path | None, plans_dir: Path | None) -> dict[str, Any] | None:
    """The stored fields, if nothing they came from has changed since."""
    wanted = _key(bank_dir, plans_dir)
    if wanted is None:
        return None
    try:
        data = marshal.loads(_file(bank_dir, plans_dir).read_bytes())
        if data[0] != _FORMAT or data[1] != wanted:
            return None
        return dict(data[2])
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        return None


def write(bank_dir: Path | None, plans_dir: Path | None, form: HomeForm) -> None:
    """Keep `form` for the next start; a cache that cannot be written is skipped."""
    key = _key(bank_dir, plans_dir)
    if key is None:
        return
    fields = {f.name: getattr(form, f.name) for f in dataclasses.fields(form)}
    stored = {**fields, "plans": [(p.to_dict(), p.source) for p in form.plans]}
    record: tuple[Any, ...] = (_FORMAT, key, stored)  # marshal's plain types throughout
    target = _file(bank_dir, plans_dir)
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(record))
        partial.replace(target)


def _key(bank_dir: Path | None, plans_dir: Path | None) -> Signature | None:
    # The stat data itself, compared whole: no digest (hashlib's import
    # alone cost more than this file's whole read, on the first frame's way).
    root = active_bank_dir(bank_dir)
    try:
        files = [taxonomy_path_for(root), *yaml_files(root)]
        files += [f for d in plan_dirs(plans_dir) for f in yaml_files(d)]
    except OSError:
        return None
    return signature(files)


def _plan(stored: Any) -> Plan:
    from interview.bank.plan_types import Plan, Round, Selector

    data, source = stored
    rounds = tuple(Round(r["title"], r["minutes"], tuple(r.get("questions") or ()),
                         Selector(**r["pick"]) if r.get("pick") else None, r.get("notes") or "")
                   for r in data["rounds"])
    return Plan(data["id"], data["title"], data["role"], data["level"], rounds,
                data.get("description") or "", source)


def _file(bank_dir: Path | None, plans_dir: Path | None) -> Path:
    # One file per bank and plans directory; two that share a checksum only
    # take turns (the key inside names every file).
    where = f"{active_bank_dir(bank_dir).resolve()}\0{plans_dir}"
    return cache_dir() / f"home-form-{zlib.crc32(where.encode()):08x}.bin"
