// write-change-mark-undone: marks a change as undone by a later one (its undo).
// params: id, by
// returns: {marked}
MATCH (c:Change {id: $id})
SET c.undoneBy = $by
RETURN count(*) AS marked
