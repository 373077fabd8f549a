using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace CptKb.Web.Hosting;

/// <summary>
/// Kestrel's connection buffers from .NET's shared array pool rather than Kestrel's pinned block pool. The block pool
/// keeps every block a burst of connections filled and gives them back slowly (5 % every 10 seconds when idle): 200
/// circuit connections that each sent half of a large message and closed left 27-30 MB on the live heap, held for
/// minutes. The shared array pool keeps a few dozen buffers per core and lets the rest go at the next collection.
/// </summary>
internal sealed class SharedArrayMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => MemoryPool<byte>.Shared;
}

internal static class ConnectionBuffers
{
    /// <summary>Registered after Kestrel's own factory, so the socket transport takes this one.</summary>
    public static IServiceCollection AddReleasingConnectionBuffers(this IServiceCollection services) =>
        services.AddSingleton<IMemoryPoolFactory<byte>, SharedArrayMemoryPoolFactory>();
}
