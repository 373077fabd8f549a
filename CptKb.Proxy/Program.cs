using CptKb.Proxy;

var builder = WebApplication.CreateBuilder(args);
builder.AddCptKbProxy();

var app = builder.Build();
app.MapCptKbProxy();
await app.RunAsync();
