-- Upgrade: keep what the older file recorded about itself (data fingerprint,
-- generator …) except its schema version and fingerprint, which the upgrade sets.
insert into build_info (key, value)
select old_info.key, old_info.value
from old.build_info as old_info
where old_info.key not in ('schema_version', 'schema_sha256')
order by old_info.key;
