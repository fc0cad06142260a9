namespace ResponseBot.Application.Ports;

/// <summary>Opens a unit of work: a connection from the pool and a transaction on it.</summary>
public interface IUnitOfWorkFactory
{
    Task<IUnitOfWork> BeginAsync(CancellationToken ct);
}
