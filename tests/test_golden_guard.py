"""Goldens are regenerated on purpose only: this fails while the flag is set."""

from golden import REGEN


def test_regen_flag_is_off():
    assert not REGEN, "JUESUAN_REGEN_GOLDEN=1 rewrites golden files; unset it and review the diff"
