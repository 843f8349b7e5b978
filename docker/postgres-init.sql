-- The referral database is created by POSTGRES_DB; each service owns its own database.
CREATE DATABASE registry OWNER jingkang;
