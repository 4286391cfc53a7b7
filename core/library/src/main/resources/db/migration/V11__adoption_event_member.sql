-- What a team member recorded in a period (her own view in the field app) is read by her member id.
create index adoption_event_member on adoption_event (member_id, occurred_on) where member_id is not null;
