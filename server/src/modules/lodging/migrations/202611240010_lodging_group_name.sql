-- The name a desk gives a group it checks in together (a tour, a bus manifest), shown to the police.
alter table lodging.stay add column group_name text;
