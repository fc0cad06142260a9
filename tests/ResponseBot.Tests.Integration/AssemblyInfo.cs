using ResponseBot.Testing;

[assembly: AssemblyFixture(typeof(PostgresFixture))]
