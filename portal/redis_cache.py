"""Django's Redis cache backend with one ``redis.Redis`` client per connection pool.

Django's ``RedisCacheClient.get_client()`` builds a new ``redis.Redis`` around the pool for every
single cache operation. With redis-py 8 that construction (it copies the table of response
callbacks) costs more than the GET itself, and the page cache reads the content version from
Redis on every request. A ``redis.Redis`` is safe to share between threads, so keeping one per
pool changes nothing but the cost.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
