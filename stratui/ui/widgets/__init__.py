"""Widgets of stratui's own, each a small refinement of a Textual one."""
