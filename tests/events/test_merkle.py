"""RFC 9162 Merkle trees: every proof the module makes verifies, and any change makes it fail."""

from __future__ import annotations

import hashlib

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jingkang_events import _merkle as merkle


def reference_mth(leaves: list[bytes]) -> bytes:
    """MTH straight from RFC 9162 §2.1.1, over the leaves' data (not yet hashed)."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + reference_mth(leaves[:k]) + reference_mth(leaves[k:])).digest()


def hashed(n: int, salt: int = 0) -> list[bytes]:
    return [merkle.leaf_hash(f"leaf {salt} {i}".encode()) for i in range(n)]


def flip(value: bytes) -> bytes:
    return bytes([value[0] ^ 1]) + value[1:]


def test_the_tree_hash_is_rfc_9162s_for_every_size_up_to_70() -> None:
    data = [f"event {i}".encode() for i in range(70)]
    frontier = merkle.Frontier()
    assert frontier.root() == merkle.EMPTY_ROOT == reference_mth([])
    for n in range(1, 71):
        frontier.append(merkle.leaf_hash(data[n - 1]))
        leaves = [merkle.leaf_hash(d) for d in data[:n]]
        assert merkle.root(leaves) == frontier.root() == reference_mth(data[:n])
        assert len(frontier.roots) == n.bit_count()
        restored = merkle.Frontier(n, frontier.roots)  # as a checkpoint keeps it
        assert restored.root() == frontier.root()
        assert [merkle.root(leaves[a:b]) for a, b in frontier.subtree_ranges()] == frontier.roots


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 300), st.data())
def test_every_inclusion_proof_verifies_and_no_altered_one_does(n: int, data) -> None:
    leaves = hashed(n)
    index = data.draw(st.integers(0, n - 1))
    tree_root = merkle.root(leaves)
    proof = merkle.inclusion_proof(index, leaves)
    assert merkle.verify_inclusion(index, n, leaves[index], proof, tree_root)
    assert not merkle.verify_inclusion(index, n, flip(leaves[index]), proof, tree_root)
    assert not merkle.verify_inclusion(index, n, leaves[index], proof, flip(tree_root))
    other = data.draw(st.integers(0, n + 3))
    assume(other != index)
    assert not merkle.verify_inclusion(other, n, leaves[index], proof, tree_root)
    # another size with that size's root (RFC 9162 binds the size to the root in the signed
    # tree head; a left-edge path alone is the same for several sizes)
    more = hashed(n + 1)
    for size in (n - 1, n + 1):
        if size > index:
            assert not merkle.verify_inclusion(index, size, leaves[index], proof,
                                               merkle.root(more[:size]))
    assert not merkle.verify_inclusion(index, index, leaves[index], proof, tree_root)
    if proof:
        at = data.draw(st.integers(0, len(proof) - 1))
        changed = [*proof[:at], flip(proof[at]), *proof[at + 1:]]
        assert not merkle.verify_inclusion(index, n, leaves[index], changed, tree_root)
        assert not merkle.verify_inclusion(index, n, leaves[index], proof[:-1], tree_root)
    assert not merkle.verify_inclusion(index, n, leaves[index], [*proof, tree_root], tree_root)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 300), st.data())
def test_every_consistency_proof_verifies_and_no_altered_one_does(n: int, data) -> None:
    leaves = hashed(n)
    m = data.draw(st.integers(1, n))
    first, second = merkle.root(leaves[:m]), merkle.root(leaves)
    proof = merkle.consistency_proof(m, leaves)
    assert merkle.verify_consistency(m, n, first, second, proof)
    assert not merkle.verify_consistency(m, n, flip(first), second, proof)
    assert not merkle.verify_consistency(m, n, first, flip(second), proof)
    # the proof proves nothing about other sizes (the sizes are bound to the roots by the
    # signed checkpoints, so the roots of those sizes are the ones to try)
    more = hashed(n + 1)
    for other_m, other_n in ((m + 1, n), (m - 1, n), (m, n + 1), (m, n - 1)):
        if 0 < other_m <= other_n and (other_m != other_n or proof):
            assert not merkle.verify_consistency(other_m, other_n, merkle.root(more[:other_m]),
                                                 merkle.root(more[:other_n]), proof)
    if proof:
        at = data.draw(st.integers(0, len(proof) - 1))
        changed = [*proof[:at], flip(proof[at]), *proof[at + 1:]]
        assert not merkle.verify_consistency(m, n, first, second, changed)
    # a history changed before m: the old root is not a prefix of the new tree
    if m > 0:
        at = data.draw(st.integers(0, m - 1))
        rewritten = [*leaves[:at], flip(leaves[at]), *leaves[at + 1:]]
        new_proof = merkle.consistency_proof(m, rewritten)
        assert not merkle.verify_consistency(m, n, first, merkle.root(rewritten), new_proof)


def test_proofs_outside_the_tree_are_refused() -> None:
    leaves = hashed(5)
    for bad in (-1, 5):
        try:
            merkle.inclusion_proof(bad, leaves)
        except ValueError:
            pass
        else:
            raise AssertionError(f"inclusion of {bad} in 5")
    for bad in (0, 6):
        try:
            merkle.consistency_proof(bad, leaves)
        except ValueError:
            pass
        else:
            raise AssertionError(f"consistency from {bad} to 5")
    assert not merkle.verify_inclusion(0, 0, leaves[0], [], merkle.EMPTY_ROOT)
    assert not merkle.verify_consistency(0, 5, merkle.EMPTY_ROOT, merkle.root(leaves), [])
    assert not merkle.verify_consistency(3, 5, merkle.root(leaves[:3]), merkle.root(leaves), [])
