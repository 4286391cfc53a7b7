-- The catalogue of digital services ever provided by a plugin. A service outlives its plugin: when
-- the plugin is removed, its recorded data stays readable and is shown as having no plugin.

create table digital_service (
    code                text primary key check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    name_vi             text not null,
    name_en             text not null,
    description_vi      text not null,
    description_en      text not null,
    subject             text not null check (subject in ('PERSON', 'HOUSEHOLD', 'BUSINESS')),
    minimum_age         int not null,
    maximum_age         int,
    eligibility_note_vi text,
    eligibility_note_en text,
    adopted_stage       text not null,
    plugin_id           text not null,
    plugin_version      text,
    first_loaded_at     timestamptz not null default now(),
    last_loaded_at      timestamptz not null default now()
);

create table digital_service_stage (
    service_code   text not null references digital_service (code) on delete cascade,
    position       int not null,
    code           text not null,
    name_vi        text not null,
    name_en        text not null,
    description_vi text,
    description_en text,
    primary key (service_code, code),
    unique (service_code, position)
);
