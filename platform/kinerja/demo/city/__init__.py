"""The demo city's parts (agencies, unit trees, people), put together by kinerja.demo.data.build_demo."""
