-- Second database and role for the events; the password is set from the env file at first start.
\getenv pw POSTGRES_PASSWORD
CREATE ROLE newsevents LOGIN PASSWORD :'pw';
CREATE DATABASE newsevents OWNER newsevents;
