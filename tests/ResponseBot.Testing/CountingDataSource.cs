using System.Data.Common;

namespace ResponseBot.Testing;

/// <summary>A data source that counts the connections opened through it, to show how many a request takes.</summary>
public sealed class CountingDataSource(DbDataSource inner) : DbDataSource
{
    private int _opened;

    public int Opened => Volatile.Read(ref _opened);

    public override string ConnectionString => inner.ConnectionString;

    protected override DbConnection CreateDbConnection() => inner.CreateConnection();

    protected override DbConnection OpenDbConnection()
    {
        Interlocked.Increment(ref _opened);
        return inner.OpenConnection();
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _opened);
        return await inner.OpenConnectionAsync(cancellationToken);
    }

    protected override DbCommand CreateDbCommand(string? commandText = null) => inner.CreateCommand(commandText);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore() => await inner.DisposeAsync();
}
