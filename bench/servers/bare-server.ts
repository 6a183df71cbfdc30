// The baseline for HTTP figures: a bare Fastify route returning a constant, in its own process.
import Fastify from 'fastify';

const app = Fastify();
app.get('/constant', async () => ({ status: 'ok', constant: 42 }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ url }));
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
