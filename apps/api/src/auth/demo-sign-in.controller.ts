import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ROLES, type Role } from '../../../../libs/security/src/index.js';
import { fail, UnitDirectory } from '../../../../libs/application/src/index.js';
import { Public } from './auth.guard.js';
import { SessionStarter } from './session.controller.js';
import { SESSION_TOKEN_SECONDS } from './sessions.js';

/** An official of the demo organisation (libs/application/src/demo/demo-officials.ts). */
export interface DemoOfficial {
  id: string;
  name: string;
  role: Role;
  title: string;
  unitId: string | null;
  unitName: string;
}

export const DEMO_OFFICIALS = Symbol('donthu.demoOfficials');
/** For the OpenAPI description only (write-openapi.ts): the routes, with no official behind them. */
export const DEMO_OFFICIALS_PREVIEW: readonly DemoOfficial[] = [];

/** A demo token lives 15 minutes; the console renews it from the session (POST /auth/token). */
export const DEMO_TOKEN_SECONDS = SESSION_TOKEN_SECONDS;

export class DemoOfficialDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) unitId!: string | null;
  @ApiProperty() unitName!: string;
}

export class DemoOfficialListDto {
  @ApiProperty({ type: [DemoOfficialDto] }) items!: DemoOfficialDto[];
}

export class DemoSignInDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9._-]{1,64}$/) personId!: string;
}

export class DemoSessionDto {
  @ApiProperty({ description: 'a donthu bearer token (HS256), valid DEMO_TOKEN_SECONDS' }) token!: string;
  @ApiProperty({ description: 'an instant (ISO 8601)' }) expiresAt!: string;
  @ApiProperty({ type: DemoOfficialDto }) official!: DemoOfficialDto;
}

/**
 * The console's demo sign-in: registered only when DEMO_SIGN_IN=1 on the embedded database (npm
 * start), refused at start-up in production (loadConfig). It answers only while the demo organisation
 * exists, so an embedded database without demo data has no one to sign in as.
 */
@ApiTags('demo')
@Controller('demo')
export class DemoSignInController {
  constructor(
    @Inject(DEMO_OFFICIALS) private readonly officials: readonly DemoOfficial[],
    private readonly units: UnitDirectory,
    private readonly starter: SessionStarter,
  ) {}

  @Public()
  @Get('officials')
  @ApiOperation({ summary: 'Demo only: the officials of the demo organisation, one or more per role' })
  @ApiOkResponse({ type: DemoOfficialListDto })
  async list(): Promise<DemoOfficialListDto> {
    return { items: await this.available() };
  }

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Demo only: signs in as one demo official',
    description:
      'Starts a console session (httpOnly cookie; POST /auth/token renews the token from it) and answers a token valid 15 minutes.',
  })
  @ApiOkResponse({ type: DemoSessionDto })
  async signIn(
    @Body() dto: DemoSignInDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DemoSessionDto> {
    const official = (await this.available()).find((o) => o.id === dto.personId);
    if (!official) return fail('NOT_FOUND', `không có cán bộ ${dto.personId} trong dữ liệu mẫu`);
    const { token, expiresAt } = await this.starter.begin(
      res,
      {
        sub: official.id,
        name: official.name,
        roles: [official.role],
        unitId: official.unitId,
        title: official.title,
        unitName: official.unitName,
      },
      'demo',
    );
    return { token, expiresAt, official };
  }

  /** The officials whose unit exists: none until the demo data has been seeded. */
  private async available(): Promise<DemoOfficial[]> {
    const out: DemoOfficial[] = [];
    for (const o of this.officials)
      if (o.unitId === null ? await this.units.exists('nb') : await this.units.exists(o.unitId)) out.push(o);
    return out;
  }
}
