"""Team sharing through git: a record-level merge, the git merge driver, ``stratui sync``.

- :mod:`stratui.domain.merge`: the pure three-way merge of records by id (no I/O);
- :mod:`stratui.sync.driver`: one store file merged as git's merge driver calls it;
- :mod:`stratui.sync.git`: the git plumbing, through ``subprocess``;
- :mod:`stratui.sync.setup`: ``stratui sync setup`` (attributes, ignore file, config);
- :mod:`stratui.sync.session`: ``stratui sync`` (commit, fetch, merge, push).

Nothing here imports Textual, Rich or TinyDB: the merge driver runs once per file git
merges and must start fast.
"""
