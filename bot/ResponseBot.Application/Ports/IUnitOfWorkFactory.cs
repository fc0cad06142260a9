namespace ResponseBot.Application.Ports;

/// <summary>Opens a unit of work: a connection from the pool and a transaction on it.</summary>
public interface IUnitOfWorkFactory
{
    Task<IUnitOfWork> BeginAsync(CancellationToken ct);

    /// <summary>
    /// A unit of work that reads before it knows whether it will write: each round trip is a transaction of its own (each
    /// statement sees what had committed when it began, as in a transaction at read committed) until
    /// <see cref="IUnitOfWork.BeginAsync"/>. One that only read ends without a commit's round trip.
    /// </summary>
    Task<IUnitOfWork> ReadFirstAsync(CancellationToken ct);
}
