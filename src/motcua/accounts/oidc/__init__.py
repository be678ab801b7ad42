"""The relying party: citizen sign-in through the national identity provider (VNeID) with Authlib."""
