-- The personal-data key belongs to the data: the HMACs of citizen IDs and the encrypted phone
-- numbers are only meaningful with the key they were written with. The key itself never enters the
-- database; its fingerprint (an HMAC of a fixed label under the key, which reveals nothing of it)
-- does, so that a server started with another key, or with none, refuses instead of silently
-- writing new residents nobody can match with the old ones.
create table personal_data_key (
    id          smallint primary key default 1 check (id = 1),
    fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
    recorded_at timestamptz not null default now()
);
