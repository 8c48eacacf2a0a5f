/**
 * SQL for "the units in the subtree of $n" over the units read model (current rows). Used by lists
 * and boards, which are eventually consistent anyway.
 */
export const subtreeCte = (param: string, name = 'scope_units'): string => `${name}(unit_id) AS (
    SELECT ${param}::text
    UNION
    SELECT u.unit_id FROM rm_units u JOIN ${name} s ON u.parent_id = s.unit_id WHERE u.recorded_to IS NULL
  )`;
