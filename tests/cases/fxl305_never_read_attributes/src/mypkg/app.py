from mypkg.base import Base


class App(Base):
    timeout = 3

    def run(self):
        return self.timeout + self.retries
