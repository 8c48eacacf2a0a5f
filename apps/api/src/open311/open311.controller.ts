import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiConsumes,
  ApiExtraModels,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { QueryBus } from '@nestjs/cqrs';
import {
  fail,
  GetOpen311Request,
  ListOpen311Requests,
  OPEN311_ATTRIBUTES,
  OPEN311_SERVICES,
  serviceByCode,
  Open311Service,
  UnitDirectory,
} from '../../../../libs/application/src/index.js';
import { Public } from '../auth/auth.guard.js';
import { correlationIdOf } from '../common/request-context.js';
import {
  Open311AttributesDto,
  Open311KeyQuery,
  Open311ListQuery,
  Open311RequestDto,
  Open311ServicesQuery,
} from './open311.dto.js';
import { formatOf, sendOpen311 } from './open311.format.js';
import { Open311KeyGuard, type Open311Request } from './open311.guard.js';

const published = () => OPEN311_SERVICES.map(({ kindHint: _kind, ...s }) => s);

/**
 * Open311 GeoReport v2 (docs/open311.md): other systems (city apps, portals) file petitions and
 * reflections and follow them. Each resource answers JSON or XML by its extension; errors are
 * GeoReport's `[{code, description}]` (problem.filter's sendProblem renders them under /open311/).
 */
@ApiTags('open311')
@ApiExtraModels(Open311AttributesDto)
@ApiProduces('application/json', 'text/xml')
@Controller('open311/v2')
export class Open311Controller {
  constructor(
    private readonly open311: Open311Service,
    private readonly queries: QueryBus,
    private readonly units: UnitDirectory,
  ) {}

  @Public()
  @Get(['services.json', 'services.xml'])
  @ApiOperation({ summary: 'GeoReport v2: the services (kiến nghị, phản ánh); no key needed' })
  @ApiResponse({ status: 200, description: 'the service list' })
  async services(@Query() q: Open311ServicesQuery, @Req() req: Open311Request, @Res() res: Response) {
    await this.checkJurisdiction(q.jurisdiction_id);
    res.setHeader('Cache-Control', 'public, max-age=300');
    sendOpen311(res, formatOf(req), 200, published(), { root: 'services', item: 'service' });
  }

  @Public()
  @Get(['services/:code.json', 'services/:code.xml'])
  @ApiOperation({ summary: "GeoReport v2: a service's definition (its attributes: subject, field)" })
  @ApiResponse({ status: 200, description: 'the service definition' })
  async definition(
    @Param('code') code: string,
    @Query() q: Open311ServicesQuery,
    @Req() req: Open311Request,
    @Res() res: Response,
  ) {
    await this.checkJurisdiction(q.jurisdiction_id);
    if (!serviceByCode(code))
      fail('NOT_FOUND', `service_code: no service ${code}`, [
        { path: 'service_code', message: 'no such service' },
      ]);
    res.setHeader('Cache-Control', 'public, max-age=300');
    sendOpen311(
      res,
      formatOf(req),
      200,
      { service_code: code, attributes: OPEN311_ATTRIBUTES },
      {
        root: 'service_definition',
        item: null,
        // GeoReport's XML: <attributes><attribute>…<values><value><key/><name/></value></values>
        body: {
          service_code: code,
          attributes: {
            attribute: OPEN311_ATTRIBUTES.map(({ values, ...a }) => ({
              ...a,
              ...(values ? { values: { value: values } } : {}),
            })),
          },
        },
      },
    );
  }

  @Public()
  @UseGuards(Open311KeyGuard)
  @Post(['requests.json', 'requests.xml'])
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOperation({
    summary:
      'GeoReport v2: file a petition or reflection (registered as at the desk, channel online); answers the tracking code as service_request_id and the lookup PIN as token',
  })
  @ApiResponse({ status: 201, description: '[{service_request_id, token, service_notice, account_id}]' })
  async post(@Body() dto: Open311RequestDto, @Req() req: Open311Request, @Res() res: Response) {
    const created = await this.open311.post(
      req.open311Key!,
      {
        service_code: dto.service_code,
        ...(dto.jurisdiction_id !== undefined ? { jurisdiction_id: dto.jurisdiction_id } : {}),
        description: dto.description,
        first_name: dto.first_name,
        last_name: dto.last_name,
        phone: dto.phone,
        address_string: dto.address_string,
        lat: dto.lat,
        long: dto.long,
        media_url: dto.media_url,
        attributes: {
          subject: dto['attribute[subject]'] ?? dto.attribute?.subject,
          field: dto['attribute[field]'] ?? dto.attribute?.field,
        },
      },
      correlationIdOf(req),
    );
    res.setHeader('Cache-Control', 'no-store');
    sendOpen311(res, formatOf(req), 201, [created], { root: 'service_requests', item: 'request' });
  }

  @Public()
  @UseGuards(Open311KeyGuard)
  @Get(['requests.json', 'requests.xml'])
  @ApiOperation({
    summary:
      'GeoReport v2: the requests this api_key filed (status, status_notes, dates; nothing of the letter or the sender)',
  })
  @ApiResponse({ status: 200, description: 'the service requests, most recent first (at most 200)' })
  async list(@Query() q: Open311ListQuery, @Req() req: Open311Request, @Res() res: Response) {
    const items = await this.queries.execute(
      new ListOpen311Requests(
        req.open311Key!,
        {
          ...(q.service_request_id ? { serviceRequestIds: q.service_request_id.split(',') } : {}),
          ...(q.service_code ? { serviceCode: q.service_code } : {}),
          ...(q.start_date ? { startDate: new Date(q.start_date) } : {}),
          ...(q.end_date ? { endDate: new Date(q.end_date) } : {}),
          ...(q.status ? { statuses: q.status.split(',') as ('open' | 'closed')[] } : {}),
        },
        q.jurisdiction_id,
      ),
    );
    res.setHeader('Cache-Control', 'no-store');
    sendOpen311(res, formatOf(req), 200, items, { root: 'service_requests', item: 'request' });
  }

  @Public()
  @UseGuards(Open311KeyGuard)
  @Get(['requests/:id.json', 'requests/:id.xml'])
  @ApiOperation({ summary: 'GeoReport v2: one request this api_key filed, by its tracking code' })
  @ApiResponse({ status: 200, description: 'a list of one service request' })
  async one(
    @Param('id') id: string,
    @Query() q: Open311KeyQuery,
    @Req() req: Open311Request,
    @Res() res: Response,
  ) {
    if (!/^[A-Za-z0-9-]{1,40}$/.test(id))
      fail('NOT_FOUND', `service_request_id: no request ${id.slice(0, 40)} filed with this api_key`);
    const items = await this.queries.execute(new GetOpen311Request(req.open311Key!, id, q.jurisdiction_id));
    res.setHeader('Cache-Control', 'no-store');
    sendOpen311(res, formatOf(req), 200, items, { root: 'service_requests', item: 'request' });
  }

  private async checkJurisdiction(id: string | undefined): Promise<void> {
    if (id !== undefined && !(await this.units.exists(id)))
      fail('NOT_FOUND', 'jurisdiction_id: no such jurisdiction', [
        { path: 'jurisdiction_id', message: 'no such unit' },
      ]);
  }
}
