using ResponseBot.Testing;

[assembly: AssemblyFixture(typeof(PostgresFixture))]
[assembly: AssemblyFixture(typeof(ResponseBot.Tests.EndToEnd.ChromiumFixture))]
