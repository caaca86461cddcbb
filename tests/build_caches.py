"""Work every build in the test process would otherwise redo, done once per process.

The suite builds sites a few hundred times in one process. Two costs of every build do not depend
on the site: Jieba loading its 350,000-word dictionary (1–3 s) and Jinja compiling the ~70
templates of Material and the overrides to Python code (2–4 s). Both libraries have a cache for
this, meant for exactly this case; this module turns them on for the tests only:

- Jieba: the first tokenizer on the default dictionary loads it; every later one gets a copy of the
  loaded word table (a copy: `add_word` changes it, and one build's words must not reach the next).
- Jinja: a bytecode cache (jinja2.BytecodeCache) held in memory. Jinja itself checks each entry
  against the checksum of the template's source, so an edited or overridden template is compiled
  again; the key also holds every setting of the environment that changes the compiled code (an
  environment with other delimiters or autoescape never gets another's code).

What a build produces is the same byte for byte (tests/test_build_caches.py compares a build made
with both caches warm to one made by `gridboard build` in a process of its own); only the time
differs. A real `gridboard build` runs once per process and is not
affected: nothing here is imported by the builder.
"""

from __future__ import annotations

import hashlib

import jieba
import jinja2

_DICTIONARIES: dict[str, tuple[dict[str, int], int]] = {}
_BYTECODE: dict[str, bytes] = {}
_jieba_initialize = jieba.Tokenizer.initialize
_jinja_init = jinja2.Environment.__init__


def _initialize(self: jieba.Tokenizer, dictionary: str | None = None) -> None:
    if dictionary or self.initialized or self.cache_file or self.tmp_dir:
        _jieba_initialize(self, dictionary)
        return
    loaded = _DICTIONARIES.get(self.dictionary)
    if loaded is None:
        _jieba_initialize(self)
        _DICTIONARIES[self.dictionary] = (dict(self.FREQ), self.total)
        return
    with self.lock:
        self.FREQ, self.total = dict(loaded[0]), loaded[1]
        self.initialized = True


class _InMemory(jinja2.BytecodeCache):
    """Compiled templates shared by every environment of the process with the same settings."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.settings = repr(
            (type(env), env.block_start_string, env.block_end_string, env.variable_start_string)
            + (env.variable_end_string, env.comment_start_string, env.comment_end_string)
            + (env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks)
            + (env.newline_sequence, env.keep_trailing_newline, sorted(env.extensions), env.optimized)
            + (env.finalize is None, env.is_async)
        )

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        escape = self.env.autoescape(name) if callable(self.env.autoescape) else self.env.autoescape
        return hashlib.sha256(repr((self.settings, name, filename, escape)).encode()).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = _BYTECODE.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # Jinja drops it if the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        _BYTECODE[bucket.key] = bucket.bytecode_to_string()


def _environment_init(self: jinja2.Environment, *args, **kwargs) -> None:
    _jinja_init(self, *args, **kwargs)
    if self.bytecode_cache is None:
        self.bytecode_cache = _InMemory(self)


def install() -> None:
    """Turn both caches on for this process (idempotent)."""
    jieba.Tokenizer.initialize = _initialize
    jinja2.Environment.__init__ = _environment_init
